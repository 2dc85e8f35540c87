package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.AuthDecision.Accept;
import org.keyfob.oath.auth.AuthDecision.Challenge;
import org.keyfob.oath.auth.AuthDecision.Reject;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.jdbi.Backend;
import org.keyfob.oath.store.jdbi.StoreFixture;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.ChapResponse;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;

/**
 * Logins whose first factor is not the local PIN (a directory, here a small in-test one), and CHAP
 * logins (RFC 2865 §5.3), against a real H2 store.
 */
class FirstFactorLoginTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor NAS = Actor.client("vpn1");
    private static final Serial SERIAL = new Serial("HOTP-D");

    /** A directory with one password per user, that can be taken down; records what it was asked. */
    private static final class Directory implements FirstFactor {
        final Map<String, String> passwords = Map.of("dora", "Dir-pw-1", "gus", "Gus-pw-2");
        final List<String> asked = new ArrayList<>();
        boolean down;

        @Override
        public FirstFactorResult check(User user, String secret, Actor client) {
            asked.add(user.name());
            if (down) {
                return new FirstFactorResult.Failed(RejectReason.DIRECTORY_UNAVAILABLE);
            }
            if (!secret.equals(passwords.get(user.name()))) {
                return new FirstFactorResult.Failed(RejectReason.BAD_PIN);
            }
            return user.name().equals("gus") ? new FirstFactorResult.Failed(RejectReason.NOT_IN_GROUP)
                    : FirstFactorResult.PASSED;
        }
    }

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private Store store;
    private final Directory directory = new Directory();
    private Authenticator authenticator;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture(Backend.H2, tempDir);
        store = fixture.open();
        for (String name : List.of("dora", "gus")) {
            store.users().add(name, Optional.empty(), ADMIN);
            String serial = name.equals("dora") ? SERIAL.value() : "HOTP-G";
            store.tokens().addAll(List.of(StoreFixture.hotp(serial, 0)), ADMIN);
            store.tokens().assign(new Serial(serial), name, AssignmentLimits.ONE_TO_ONE, ADMIN);
        }
        authenticator = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT, directory);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, StoreFixture.seedFor(SERIAL.value()), counter, 6);
    }

    private AuthDecision login(String user, String password, PasswordMode mode) {
        return authenticator.authenticate(new Login(user, password, Optional.empty(), mode, NAS), NOW);
    }

    private static RejectReason reason(AuthDecision d) {
        assertThat(d).isInstanceOf(Reject.class);
        return ((Reject) d).reason();
    }

    @Test
    void directoryPasswordAndCodeAreAccepted() {
        assertThat(login("dora", "Dir-pw-1" + code(0), PasswordMode.PIN_OTP)).isEqualTo(new Accept("dora", SERIAL));
        assertThat(login("dora", code(1) + "Dir-pw-1", PasswordMode.OTP_PIN)).isInstanceOf(Accept.class);
        assertThat(directory.asked).containsExactly("dora", "dora");
    }

    @Test
    void wrongDirectoryPasswordIsBadPinAndLeavesTheCodeUnused() {
        assertThat(reason(login("dora", "Dir-pw-X" + code(0), PasswordMode.PIN_OTP))).isEqualTo(RejectReason.BAD_PIN);
        assertThat(login("dora", "Dir-pw-1" + code(0), PasswordMode.PIN_OTP)).isInstanceOf(Accept.class);
    }

    @Test
    void userOutsideTheGroupIsRejectedAsNotInGroup() {
        String gusCode = Hotp.generate(HashAlgorithm.SHA1, StoreFixture.seedFor("HOTP-G"), 0, 6);

        assertThat(reason(login("gus", "Gus-pw-2" + gusCode, PasswordMode.PIN_OTP)))
                .isEqualTo(RejectReason.NOT_IN_GROUP);
    }

    @Test
    @DisplayName("A directory that is down never gives an accept, locks nobody out and uses up no code")
    void directoryDownIsRejectedWithoutLockoutOrUsingTheCode() {
        directory.down = true;
        for (int i = 0; i < 15; i++) {
            assertThat(reason(login("dora", "Dir-pw-1" + code(0), PasswordMode.PIN_OTP)))
                    .isEqualTo(RejectReason.DIRECTORY_UNAVAILABLE);
        }
        assertThat(reason(login("dora", "Dir-pw-1", PasswordMode.CHALLENGE)))
                .isEqualTo(RejectReason.DIRECTORY_UNAVAILABLE);
        directory.down = false;

        assertThat(store.users().find("dora").orElseThrow().lock().isLocked(NOW)).isFalse();
        assertThat(login("dora", "Dir-pw-1" + code(0), PasswordMode.PIN_OTP)).isInstanceOf(Accept.class);
    }

    @Test
    void challengeModeAsksTheDirectoryForThePassword() {
        assertThat(login("dora", "Dir-pw-1", PasswordMode.CHALLENGE)).isInstanceOf(Challenge.class);
        assertThat(reason(login("dora", "wrong", PasswordMode.CHALLENGE))).isEqualTo(RejectReason.BAD_PIN);
    }

    private static ChapResponse chap(byte identifier, String code, byte[] challenge) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(identifier);
        md5.update(code.getBytes(StandardCharsets.US_ASCII));
        md5.update(challenge);
        return new ChapResponse(identifier, md5.digest(), challenge);
    }

    @Test
    @DisplayName("RFC 2865 §5.3: CHAP in otp mode with the local PIN-less first factor: accepted once, then a replay")
    void chapIsAcceptedOnceInOtpModeForAUserWithoutPin() throws Exception {
        Authenticator local = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT);
        byte[] challenge = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Login login = Login.chap("dora", chap((byte) 7, code(2), challenge), PasswordMode.OTP, NAS);

        assertThat(local.authenticate(login, NOW)).isEqualTo(new Accept("dora", SERIAL));
        assertThat(reason(local.authenticate(login, NOW))).isEqualTo(RejectReason.REPLAY);
        Login wrong = Login.chap("dora", chap((byte) 8, code(900), challenge), PasswordMode.OTP, NAS);
        assertThat(reason(local.authenticate(wrong, NOW))).isEqualTo(RejectReason.NO_MATCH);
    }

    @Test
    void chapIsRefusedWhenThePinPartWouldNeedChecking() throws Exception {
        byte[] challenge = new byte[16];
        Login pinMode = Login.chap("dora", chap((byte) 1, code(0), challenge), PasswordMode.PIN_OTP, NAS);
        Login directoryUser = Login.chap("dora", chap((byte) 1, code(0), challenge), PasswordMode.OTP, NAS);

        assertThat(reason(authenticator.authenticate(pinMode, NOW))).isEqualTo(RejectReason.CHAP_NEEDS_OTP_MODE);
        assertThat(reason(authenticator.authenticate(directoryUser, NOW))).isEqualTo(RejectReason.CHAP_NEEDS_OTP_MODE);
        assertThat(login("dora", "Dir-pw-1" + code(0), PasswordMode.PIN_OTP))
                .describedAs("neither refusal used up the code").isInstanceOf(Accept.class);
    }

    @Test
    void chapResponseToStringShowsNoBytes() throws Exception {
        assertThat(chap((byte) 1, code(0), new byte[16])).hasToString("ChapResponse[16-octet challenge]");
    }
}
