package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * RFC 2865 §5.3 CHAP logins, with FreeRADIUS's radclient computing CHAP-Password from the code
 * it is given (identifier, MD5 over identifier + code + Request Authenticator) and oathtool
 * giving the code: the server finds the code in the token's window whose response matches.
 */
class RadclientChapTest {
    private static final String PINLESS = "carol";
    private static final Serial PINLESS_SERIAL = new Serial("E2E-CHAP-1");

    @TempDir
    Path dir;

    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(PasswordMode mode) throws Exception {
        Radclient.assumeInstalled();
        server = RunningServer.start(dir, RunningServer.client(Optional.of(mode), false));
        Actor admin = Actor.admin("e2e-test");
        server.store().users().add(PINLESS, Optional.empty(), admin);
        Token token = new Token(PINLESS_SERIAL, TokenSpec.hotp(HashAlgorithm.SHA1, 6),
                Seed.of(HexFormat.of().parseHex(SEED_HEX)), TokenStatus.VALID, TokenState.initial(3));
        server.store().tokens().addAll(List.of(new NewToken(token, TokenDetails.NONE)), admin);
        server.store().tokens().assign(PINLESS_SERIAL, PINLESS, AssignmentLimits.ONE_TO_ONE, admin);
    }

    private Radclient.Result chap(String user, String code) throws Exception {
        return Radclient.send(server.port(), "auth", SECRET, "User-Name = \"" + user + "\"",
                "CHAP-Password = \"" + code + "\"", "Message-Authenticator = 0x00");
    }

    @Test
    @DisplayName("RFC 2865 §5.3: a CHAP response made from a code in the window is accepted, and the same"
            + " request again is refused as a replay")
    void chapWithCodeInWindowIsAcceptedOnceThenRejectedAsReplay() throws Exception {
        start(PasswordMode.OTP);
        String code = Radclient.oathtool(SEED_HEX, 5); // counter 3, look-ahead window reaches 5

        Radclient.Result first = chap(PINLESS, code);
        Radclient.Result again = chap(PINLESS, code);

        assertThat(first.output()).contains("CHAP-Password");
        assertThat(first.accepted()).describedAs("radclient output:%n%s", first.output()).isTrue();
        assertThat(again.rejected()).describedAs("radclient output:%n%s", again.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).containsExactly("chap");
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
    }

    @Test
    void chapWithWrongCodeIsRejectedAsNoMatch() throws Exception {
        start(PasswordMode.OTP);

        Radclient.Result result = chap(PINLESS, Radclient.oathtool(SEED_HEX, 400));

        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=NO_MATCH");
    }

    @Test
    @DisplayName("A PIN cannot be checked through CHAP: a client in pin+otp mode gets CHAP_NEEDS_OTP_MODE")
    void chapFromClientInPinModeIsRejectedWithoutUsingTheCode() throws Exception {
        start(PasswordMode.PIN_OTP);
        String code = Radclient.oathtool(SEED_HEX, 3);

        Radclient.Result result = chap(PINLESS, code);

        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=CHAP_NEEDS_OTP_MODE");
        assertThat(server.store().tokens().find(PINLESS_SERIAL).orElseThrow().token().state().counter())
                .describedAs("the code was not used up").isEqualTo(3);
    }

    @Test
    void chapForUserWithLocalPinIsRejectedEvenInOtpMode() throws Exception {
        start(PasswordMode.OTP);

        Radclient.Result result = chap(USER, Radclient.oathtool(SEED_HEX, 0));

        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=CHAP_NEEDS_OTP_MODE");
        assertThat(PIN).isNotEmpty();
    }
}
