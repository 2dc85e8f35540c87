package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.EmbeddedKeyfobd.auditDetails;
import static org.keyfob.server.radius.EmbeddedKeyfobd.code;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SERIAL;
import static org.keyfob.server.radius.RunningServer.USER;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;

/**
 * keyfobd on the embedded store decides logins in memory and answers an Accept only once the
 * login is in its journal on disk; the store catches up about once a second. Here keyfobd stops
 * right after an Accept, by SIGKILL (no shutdown hook at all) or SIGTERM (a clean stop, which
 * writes the journal into the store and leaves none), and starts again on the same file: the used
 * code must stay used, the next one must work, and the audit log must hold the first accept
 * exactly once. Whether the accept was still only in the journal when keyfobd was killed depends
 * on when the last checkpoint ran, so the SIGKILL test asserts what holds either way.
 */
class ServerCrashReplayTest {

    @TempDir
    Path dir;

    private EmbeddedKeyfobd server;

    @BeforeEach
    void seed() throws Exception {
        Radclient.assumeInstalled();
        server = EmbeddedKeyfobd.seeded(dir);
    }

    @Test
    @DisplayName("SIGKILL right after an Accept: the accepted code is not accepted again after a restart")
    void codeAcceptedJustBeforeSigkillStaysUsedAfterRestart() throws Exception {
        String first = PIN + code(0);
        try (KeyfobdProcess keyfobd = server.start()) {
            assertAccepted(server.login(first));
            keyfobd.kill();
        }

        // The segment being written is never deleted while keyfobd runs, and nothing ran at exit.
        assertThat(server.journalSegments()).describedAs("the login journal left by the killed keyfobd").isNotEmpty();
        assertRestartKeepsTheCodeUsed(first);
    }

    @Test
    @DisplayName("SIGTERM right after an Accept: the accepted code is not accepted again after a restart")
    void codeAcceptedJustBeforeSigtermStaysUsedAfterRestart() throws Exception {
        String first = PIN + code(0);
        try (KeyfobdProcess keyfobd = server.start()) {
            assertAccepted(server.login(first));
            assertThat(keyfobd.stop()).describedAs("keyfobd's output")
                    .anyMatch(l -> l.contains("keyfobd stopped"))
                    .noneMatch(l -> l.contains("stay in the login journal"));
        }

        assertThat(server.journalSegments()).describedAs("the login journal after a clean stop").isEmpty();
        assertRestartKeepsTheCodeUsed(first);
    }

    /** Starts keyfobd again on the file and checks the store, then RADIUS, then the audit log. */
    private void assertRestartKeepsTheCodeUsed(String usedPassword) throws Exception {
        AuditEntry firstAccept;
        try (KeyfobdProcess keyfobd = server.start()) {
            // Before any login of this run: what the first run accepted is in the store, once.
            try (Store reader = StoreOpener.openToRead(server.storeConfig())) {
                List<AuditEntry> accepts = successes(reader);
                assertThat(accepts).hasSize(1);
                firstAccept = accepts.get(0);
                assertThat(firstAccept.event().user()).contains(USER);
                assertThat(firstAccept.event().actor()).isEqualTo(Actor.client("e2e"));
                assertThat(reader.tokens().find(SERIAL).orElseThrow().token().state().counter())
                        .describedAs("the token's counter after the first run's accept").isEqualTo(1);
            }

            Radclient.Result again = server.login(usedPassword);
            assertThat(again.rejected()).describedAs("the used code again; radclient output:%n%s", again.output())
                    .isTrue();
            assertAccepted(server.login(PIN + code(1)));
            keyfobd.stop();
        }

        // Opened by the test JVM alone: a journal the second run left at exit is replayed first.
        try (Store store = StoreOpener.openToRead(server.storeConfig())) {
            assertThat(successes(store)).hasSize(2).first().isEqualTo(firstAccept);
            assertThat(auditDetails(store, AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
            assertThat(store.tokens().find(SERIAL).orElseThrow().token().state().counter()).isEqualTo(2);
        }
    }

    private static List<AuditEntry> successes(Store store) {
        return store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED));
    }

    private static void assertAccepted(Radclient.Result result) {
        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
    }
}
