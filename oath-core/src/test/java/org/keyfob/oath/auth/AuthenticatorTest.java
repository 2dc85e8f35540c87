package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.AuthDecision.Accept;
import org.keyfob.oath.auth.AuthDecision.Challenge;
import org.keyfob.oath.auth.AuthDecision.Reject;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.YubicoOtp;
import org.keyfob.oath.engine.YubicoOtpTestEncoder;
import org.keyfob.oath.engine.YubicoPayload;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.jdbi.Backend;
import org.keyfob.oath.store.jdbi.StoreFixture;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;

/** Whole logins against a real H2 store: what the RADIUS server and {@code keyfob check} run. */
class AuthenticatorTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor NAS = Actor.client("vpn1");
    private static final Serial SERIAL = new Serial("HOTP-1");

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private Store store;
    private Authenticator authenticator;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture(Backend.H2, tempDir);
        store = fixture.open();
        store.users().add("bob", Optional.of(new PinHasher(1_000).hash("4711")), ADMIN);
        store.tokens().addAll(List.of(StoreFixture.hotp(SERIAL.value(), 0)), ADMIN);
        store.tokens().assign(SERIAL, "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);
        authenticator = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static String code(String serial, long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, StoreFixture.seedFor(serial), counter, 6);
    }

    private AuthDecision login(String user, String password) {
        return login(user, password, PasswordMode.PIN_OTP, Optional.empty(), NOW);
    }

    private AuthDecision login(String user, String password, PasswordMode mode, Optional<String> state, Instant at) {
        return authenticator.authenticate(new Login(user, password, state, mode, NAS), at);
    }

    private static RejectReason reason(AuthDecision d) {
        assertThat(d).isInstanceOf(Reject.class);
        return ((Reject) d).reason();
    }

    @Test
    void rightPinAndCodeAreAcceptedAndAudited() {
        assertThat(login("bob", "4711" + code("HOTP-1", 0))).isEqualTo(new Accept("bob", SERIAL));

        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .extracting(e -> e.event().actor(), e -> e.event().serial())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NAS, Optional.of(SERIAL)));
    }

    @Test
    void aWrongPinIsRefusedWithoutConsumingTheCode() {
        assertThat(reason(login("bob", "0000" + code("HOTP-1", 0)))).isEqualTo(RejectReason.BAD_PIN);
        assertThat(login("bob", "4711" + code("HOTP-1", 0))).isInstanceOf(Accept.class);
    }

    @Test
    void aCodeIsAcceptedOnceThenIsAReplay() {
        login("bob", "4711" + code("HOTP-1", 0));

        assertThat(reason(login("bob", "4711" + code("HOTP-1", 0)))).isEqualTo(RejectReason.REPLAY);
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_FAILED)))
                .extracting(e -> e.event().detail()).containsExactly("reason=REPLAY");
    }

    @Test
    void wrongCodeUnknownUserAndRevokedTokenAreRefusedWithTheirReasons() {
        String wrong = code("HOTP-1", 500);

        assertThat(reason(login("bob", "4711" + wrong))).isEqualTo(RejectReason.NO_MATCH);
        assertThat(reason(login("mallory", "4711" + code("HOTP-1", 0)))).isEqualTo(RejectReason.UNKNOWN_USER);
        store.tokens().setStatus(SERIAL, TokenStatus.REVOKED_LOST, ADMIN);
        assertThat(reason(login("bob", "4711" + code("HOTP-1", 0)))).isEqualTo(RejectReason.REVOKED);
    }

    @Test
    void tenFailedLoginsLockTheUserEvenAgainstTheRightCode() {
        for (int i = 0; i < 10; i++) {
            login("bob", "0000" + code("HOTP-1", 0));
        }

        assertThat(reason(login("bob", "4711" + code("HOTP-1", 0)))).isEqualTo(RejectReason.USER_LOCKED);
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_OTP_LOCKED))).hasSize(1);
        assertThat(login("bob", "4711" + code("HOTP-1", 0), PasswordMode.PIN_OTP, Optional.empty(),
                NOW.plusSeconds(901))).isInstanceOf(Accept.class);
    }

    @Test
    void challengeFlowAsksForTheCodeAfterThePinAndEachStateWorksOnce() {
        AuthDecision first = login("bob", "4711", PasswordMode.CHALLENGE, Optional.empty(), NOW);
        assertThat(first).isInstanceOf(Challenge.class);
        Optional<String> state = Optional.of(((Challenge) first).stateId());

        assertThat(login("bob", code("HOTP-1", 0), PasswordMode.CHALLENGE, state, NOW.plusSeconds(5)))
                .isEqualTo(new Accept("bob", SERIAL));
        assertThat(reason(login("bob", code("HOTP-1", 1), PasswordMode.CHALLENGE, state, NOW.plusSeconds(6))))
                .isEqualTo(RejectReason.CHALLENGE_EXPIRED);
    }

    @Test
    void aChallengeExpires() {
        Challenge first = (Challenge) login("bob", "4711", PasswordMode.CHALLENGE, Optional.empty(), NOW);

        assertThat(reason(login("bob", code("HOTP-1", 0), PasswordMode.CHALLENGE, Optional.of(first.stateId()),
                NOW.plusSeconds(121)))).isEqualTo(RejectReason.CHALLENGE_EXPIRED);
    }

    @Test
    void aWrongPinGetsNoChallenge() {
        assertThat(reason(login("bob", "0000", PasswordMode.CHALLENGE, Optional.empty(), NOW)))
                .isEqualTo(RejectReason.BAD_PIN);
    }

    @Test
    void everyTokenOfAUserIsTriedAndCodeFirstModeWorks() {
        store.tokens().addAll(List.of(StoreFixture.hotp("HOTP-2", 0)), ADMIN);
        store.tokens().assign(new Serial("HOTP-2"), "bob", new AssignmentLimits(2, 1), ADMIN);

        assertThat(login("bob", code("HOTP-2", 3) + "4711", PasswordMode.OTP_PIN, Optional.empty(), NOW))
                .isEqualTo(new Accept("bob", new Serial("HOTP-2")));
    }

    @Test
    void aUserWithoutAPinLogsInWithTheCodeAlone() {
        store.users().add("carol", Optional.empty(), ADMIN);
        store.tokens().addAll(List.of(StoreFixture.hotp("HOTP-3", 0)), ADMIN);
        store.tokens().assign(new Serial("HOTP-3"), "carol", AssignmentLimits.ONE_TO_ONE, ADMIN);

        assertThat(login("carol", code("HOTP-3", 0), PasswordMode.OTP, Optional.empty(), NOW)).isInstanceOf(Accept.class);
        assertThat(reason(login("carol", "x" + code("HOTP-3", 1)))).isEqualTo(RejectReason.BAD_PIN);
    }

    @Test
    void aUserWithoutTokensIsRefused() {
        store.users().add("dave", Optional.empty(), ADMIN);

        assertThat(reason(login("dave", "123456"))).isEqualTo(RejectReason.NO_TOKEN);
    }

    @Test
    void aYubicoOtpAfterThePinIsRecognisedByItsShapeAndWorksOnce() {
        byte[] key = HexFormat.of().parseHex("ecde18dbe76fbd0c33330f1c354871db");
        byte[] privateId = HexFormat.of().parseHex("8792ebfe26cc");
        Token yubikey = new Token(new Serial("vvccccbhjeci"),
                new TokenSpec(TokenKind.YUBICO, HashAlgorithm.SHA1, 0,
                        Duration.ofSeconds(30), 0),
                YubicoOtp.secret(key, privateId), TokenStatus.VALID,
                TokenState.initial(0));
        store.users().add("yuri", Optional.of(new PinHasher(1_000).hash("4711")), ADMIN);
        store.tokens().addAll(List.of(new NewToken(yubikey,
                TokenDetails.NONE)), ADMIN);
        store.tokens().assign(yubikey.serial(), "yuri", AssignmentLimits.ONE_TO_ONE, ADMIN);
        String otp = YubicoOtpTestEncoder.encode(key, privateId, "vvccccbhjeci",
                new YubicoPayload(5, false, 0x1234, 0, 0x4321));

        assertThat(login("yuri", "4711" + otp)).isEqualTo(new Accept("yuri", yubikey.serial()));
        assertThat(reason(login("yuri", "4711" + otp))).isEqualTo(RejectReason.REPLAY);
        assertThat(reason(login("yuri", "0000" + otp))).isEqualTo(RejectReason.BAD_PIN);
    }
}
