package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.EmbeddedKeyfobd.auditDetails;
import static org.keyfob.server.radius.EmbeddedKeyfobd.code;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SERIAL;
import static org.keyfob.server.radius.RunningServer.USER;
import static org.keyfob.server.radius.StoreSeed.ADMIN;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;

/**
 * keyfobd serves from the embedded file, deciding logins in memory, while this JVM opens the same
 * file as the admin tool does ({@link StoreOpener}). keyfobd holds the file, so this JVM reaches it
 * through keyfobd's engine (H2's AUTO_SERVER), and opening it makes keyfobd write its memory to the
 * store and decide logins on the store until the admin's store closes (a fence), or, for a store
 * opened to read, just write its memory to the store. Each test first logs in once, so keyfobd
 * holds the user and token in memory when the admin's store opens.
 */
class StoreOpenedWhileServingTest {
    private static final String FENCED = "the store is in use by another session";
    private static final String UNFENCED = "deciding logins in memory again";

    @TempDir
    Path dir;

    private EmbeddedKeyfobd server;
    private KeyfobdProcess keyfobd;

    @BeforeEach
    void start() throws Exception {
        Radclient.assumeInstalled();
        server = EmbeddedKeyfobd.seeded(dir);
        keyfobd = server.start();
        assertAccepted(server.login(PIN + code(0)));
    }

    @AfterEach
    void stop() {
        if (keyfobd != null) {
            keyfobd.close();
        }
    }

    @Test
    void tokenDisabledThroughTheAdminStoreRejectsTheNextLoginUntilEnabledAgain() throws Exception {
        try (Store admin = StoreOpener.open(server.storeConfig())) {
            keyfobd.awaitLine(FENCED);
            assertThat(admin.tokens().setStatus(SERIAL, TokenStatus.DISABLED, ADMIN)).isTrue();

            assertRejected(server.login(PIN + code(1)), "while the admin's store is open");
        }
        keyfobd.awaitLine(UNFENCED);
        // Back in memory, which must have been filled again from the store, not kept from before.
        assertRejected(server.login(PIN + code(1)), "after the admin's store closed");

        try (Store admin = StoreOpener.open(server.storeConfig())) {
            assertThat(admin.tokens().setStatus(SERIAL, TokenStatus.VALID, ADMIN)).isTrue();
        }
        keyfobd.awaitLine(UNFENCED, 2);
        assertAccepted(server.login(PIN + code(1)));

        try (Store reader = StoreOpener.openToRead(server.storeConfig())) {
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_FAILED))
                    .containsExactly("reason=DISABLED", "reason=DISABLED");
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(2);
        }
    }

    @Test
    void aCodeIsAcceptedOnceWhetherTheServerOrTheAdminStoreVerifiesIt() throws Exception {
        try (Store admin = StoreOpener.open(server.storeConfig())) {
            keyfobd.awaitLine(FENCED);
            TokenCheck check = new TokenCheck(admin.tokens(), new Verifier(OtpPolicy.DEFAULT));

            assertThat(verify(admin, check, code(0))).describedAs("the code keyfobd accepted, verified by the admin")
                    .isInstanceOfSatisfying(Verification.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(Verification.Reason.REPLAY));
            assertThat(verify(admin, check, code(1))).describedAs("a fresh code, verified by the admin")
                    .isInstanceOf(Verification.Accepted.class);

            assertRejected(server.login(PIN + code(1)), "the admin's code while the admin's store is open");
        }
        keyfobd.awaitLine(UNFENCED);
        assertRejected(server.login(PIN + code(1)), "the admin's code after the admin's store closed");
        assertAccepted(server.login(PIN + code(2)));

        try (Store reader = StoreOpener.openToRead(server.storeConfig())) {
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_FAILED))
                    .containsExactly("reason=REPLAY", "reason=REPLAY");
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(2);
            assertThat(reader.tokens().find(SERIAL).orElseThrow().token().state().counter()).isEqualTo(3);
        }
    }

    @Test
    void storeOpenedToReadSeesTheLoginAcceptedJustBeforeAndFencesNothing() throws Exception {
        try (Store reader = StoreOpener.openToRead(server.storeConfig())) {
            assertThat(reader.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.event().user()).contains(USER);
                        assertThat(e.event().serial()).contains(SERIAL);
                        assertThat(e.event().actor()).isEqualTo(Actor.client("e2e"));
                    });
            assertThat(reader.tokens().find(SERIAL).orElseThrow().token().state().counter()).isEqualTo(1);

            assertAccepted(server.login(PIN + code(1)));
        }
        assertAccepted(server.login(PIN + code(2)));

        assertThat(keyfobd.lines()).describedAs("keyfobd's output").noneMatch(l -> l.contains(FENCED));
        try (Store reader = StoreOpener.openToRead(server.storeConfig())) {
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(3);
            assertThat(auditDetails(reader, AuditEventType.E_LOGIN_FAILED)).isEmpty();
        }
    }

    private static Verification verify(Store store, TokenCheck check, String code) {
        return check.check(store.tokens().find(SERIAL).orElseThrow(), code, Instant.now());
    }

    private static void assertAccepted(Radclient.Result result) {
        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
    }

    private static void assertRejected(Radclient.Result result, String when) {
        assertThat(result.rejected()).describedAs("%s; radclient output:%n%s", when, result.output()).isTrue();
    }
}
