package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.SERIAL;
import static org.keyfob.server.radius.RunningServer.USER;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.token.TokenStatus;

/**
 * The whole server (codec, NAS registry, workers, Authenticator, H2 store) against FreeRADIUS's
 * radclient, with codes from oathtool. Every request carries a real Message-Authenticator unless
 * the test is about its absence: {@code Message-Authenticator = 0x00} tells radclient to compute one.
 */
class RadclientEndToEndTest {
    private static final String WITH_MESSAGE_AUTHENTICATOR = "Message-Authenticator = 0x00";

    @TempDir
    Path dir;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        Radclient.assumeInstalled();
        server = RunningServer.start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Radclient.Result login(String user, String password) throws Exception {
        return Radclient.send(server.port(), "auth", SECRET, "User-Name = \"" + user + "\"",
                "User-Password = \"" + password + "\"", WITH_MESSAGE_AUTHENTICATOR);
    }

    private static String code(long counter) throws Exception {
        return Radclient.oathtool(SEED_HEX, counter);
    }

    private void assertRejectedFor(Radclient.Result result, String reason) {
        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).last().isEqualTo("reason=" + reason);
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).isEmpty();
    }

    @Test
    void pinAndOathtoolCodeAreAcceptedAndAudited() throws Exception {
        Radclient.Result result = login(USER, PIN + code(0));

        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.store().audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.event().user()).contains(USER);
                    assertThat(e.event().serial()).contains(SERIAL);
                    assertThat(e.event().actor()).isEqualTo(Actor.client("e2e"));
                });
        assertThat(server.counter("accepts")).isEqualTo(1);
    }

    @Test
    void wrongPinIsRejectedAsBadPin() throws Exception {
        assertRejectedFor(login(USER, "0000" + code(0)), "BAD_PIN");
    }

    @Test
    void wrongCodeIsRejectedAsNoMatch() throws Exception {
        assertRejectedFor(login(USER, PIN + code(500)), "NO_MATCH");
    }

    @Test
    void revokedTokenIsRejectedAsRevoked() throws Exception {
        server.store().tokens().setStatus(SERIAL, TokenStatus.REVOKED_LOST, Actor.admin("e2e-test"));

        assertRejectedFor(login(USER, PIN + code(0)), "REVOKED");
    }

    @Test
    void userLockedByTenFailuresIsRejectedEvenWithTheRightPinAndCode() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(login(USER, "0000" + code(0)).rejected()).isTrue();
        }

        assertRejectedFor(login(USER, PIN + code(0)), "USER_LOCKED");
        assertThat(server.auditDetails(AuditEventType.E_OTP_LOCKED)).hasSize(1);
    }

    @Test
    void unknownUserIsRejectedAsUnknownUser() throws Exception {
        assertRejectedFor(login("mallory", PIN + code(0)), "UNKNOWN_USER");
    }

    @Test
    void theSameCodeTwiceIsAcceptedThenRejectedAsReplay() throws Exception {
        String password = PIN + code(0);

        assertThat(login(USER, password).accepted()).isTrue();
        Radclient.Result second = login(USER, password);

        assertThat(second.rejected()).describedAs("radclient output:%n%s", second.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(1);
    }

    @Test
    @DisplayName("BlastRADIUS (CVE-2024-3596): a request without Message-Authenticator gets no answer"
            + " unless its client is marked legacy")
    void requestWithoutMessageAuthenticatorIsDroppedUnlessTheClientIsLegacy() throws Exception {
        String[] noMessageAuthenticator = {"User-Name = \"" + USER + "\"", "User-Password = \"" + PIN + code(0) + "\""};

        Radclient.Result dropped = Radclient.send(server.port(), "auth", SECRET, noMessageAuthenticator);

        assertThat(dropped.unanswered()).describedAs("radclient output:%n%s", dropped.output()).isTrue();
        // The drop is counted on a worker thread; radclient's timeout is no proof it has happened.
        RunningServer.awaitTrue(() -> server.counter("dropped_no_message_authenticator") > 0, "the drop to be counted");
        assertThat(server.counter("dropped_no_message_authenticator")).isEqualTo(1);
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).isEmpty();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).isEmpty();

        try (RunningServer legacy = RunningServer.start(dir.resolve("legacy"),
                RunningServer.client(Optional.empty(), true))) {
            Radclient.Result answered = Radclient.send(legacy.port(), "auth", SECRET, noMessageAuthenticator);

            assertThat(answered.accepted()).describedAs("radclient output:%n%s", answered.output()).isTrue();
            assertThat(legacy.counter("dropped_no_message_authenticator")).isZero();
        }
    }

    @Test
    void requestSignedWithTheWrongSecretGetsNoAnswerAndIsCounted() throws Exception {
        Radclient.Result result = Radclient.send(server.port(), "auth", "not-the-shared-secret-at-all",
                "User-Name = \"" + USER + "\"", "User-Password = \"" + PIN + code(0) + "\"",
                WITH_MESSAGE_AUTHENTICATOR);

        assertThat(result.unanswered()).describedAs("radclient output:%n%s", result.output()).isTrue();
        RunningServer.awaitTrue(() -> server.counter("dropped_bad_authenticator") > 0, "the drop to be counted");
        assertThat(server.counter("dropped_bad_authenticator")).isEqualTo(1);
        assertThat(server.counter("accepts") + server.counter("rejects")).isZero();
    }

    @Test
    @DisplayName("RFC 5997 §3: Status-Server with Message-Authenticator is answered with Access-Accept")
    void statusServerIsAnsweredWithAccessAccept() throws Exception {
        Radclient.Result result = Radclient.send(server.port(), "status", SECRET, WITH_MESSAGE_AUTHENTICATOR);

        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.counter("status_server")).isEqualTo(1);
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).isEmpty();
    }
}
