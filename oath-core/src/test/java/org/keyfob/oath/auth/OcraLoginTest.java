package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.AuthDecision.Accept;
import org.keyfob.oath.auth.AuthDecision.Challenge;
import org.keyfob.oath.auth.AuthDecision.Reject;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Ocra;
import org.keyfob.oath.engine.OcraInput;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.jdbi.Backend;
import org.keyfob.oath.store.jdbi.StoreFixture;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;

/**
 * OCRA logins (RFC 6287 §7.1 one-way challenge-response) against a real H2 store: the PIN alone
 * gets a question in the prompt, and the request that carries the State carries the response.
 */
class OcraLoginTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor NAS = Actor.client("vpn1");
    private static final String PLAIN_SUITE = "OCRA-1:HOTP-SHA1-6:QN08";
    private static final String COUNTER_SUITE = "OCRA-1:HOTP-SHA256-8:C-QN08";
    private static final Serial PLAIN = new Serial("OCRA-QN08");
    private static final Serial COUNTED = new Serial("OCRA-C");
    private static final Pattern PROMPT = Pattern.compile(
            "Challenge: (\\d{8}) - enter the response from your token");

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private Store store;
    private Authenticator authenticator;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture(Backend.H2, tempDir);
        store = fixture.open();
        PinHasher hasher = new PinHasher(1_000);
        store.users().add("carol", Optional.of(hasher.hash("1234")), ADMIN);
        store.users().add("dave", Optional.of(hasher.hash("5678")), ADMIN);
        store.users().add("erin", Optional.of(hasher.hash("9999")), ADMIN);
        store.tokens().addAll(List.of(
                StoreFixture.ocra(PLAIN.value(), PLAIN_SUITE, HashAlgorithm.SHA1, 6, 0),
                StoreFixture.ocra(COUNTED.value(), COUNTER_SUITE, HashAlgorithm.SHA256, 8, 0),
                StoreFixture.ocra("OCRA-E", PLAIN_SUITE, HashAlgorithm.SHA1, 6, 0),
                StoreFixture.hotp("HOTP-E", 0)), ADMIN);
        store.tokens().assign(PLAIN, "carol", AssignmentLimits.ONE_TO_ONE, ADMIN);
        store.tokens().assign(COUNTED, "dave", AssignmentLimits.ONE_TO_ONE, ADMIN);
        store.tokens().assign(new Serial("HOTP-E"), "erin", new AssignmentLimits(2, 1), ADMIN);
        store.tokens().assign(new Serial("OCRA-E"), "erin", new AssignmentLimits(2, 1), ADMIN);
        authenticator = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private AuthDecision login(String user, String password, PasswordMode mode, Optional<String> state, Instant at) {
        return authenticator.authenticate(new Login(user, password, state, mode, NAS), at);
    }

    private Challenge challenge(String user, String pin, PasswordMode mode) {
        AuthDecision d = login(user, pin, mode, Optional.empty(), NOW);
        assertThat(d).isInstanceOf(Challenge.class);
        return (Challenge) d;
    }

    private static String question(Challenge c) {
        Matcher m = PROMPT.matcher(c.prompt());
        assertThat(m.matches()).describedAs(c.prompt()).isTrue();
        return m.group(1);
    }

    private static String response(String serial, String suite, String question, Long counter) {
        OcraInput input = OcraInput.ofQuestion(question);
        return Ocra.generate(OcraSuite.parse(suite), StoreFixture.seedFor(serial),
                counter == null ? input : input.withCounter(counter));
    }

    private AuthDecision answer(String user, Challenge c, String response) {
        return login(user, response, PasswordMode.PIN_OTP, Optional.of(c.stateId()), NOW.plusSeconds(20));
    }

    private static RejectReason reason(AuthDecision d) {
        assertThat(d).isInstanceOf(Reject.class);
        return ((Reject) d).reason();
    }

    @Test
    @DisplayName("QN08: PIN -> question -> right response accepted, same State again refused, wrong response refused")
    void plainSuiteChallengeAcceptsTheResponseOnceAndRefusesAWrongOne() {
        Challenge c = challenge("carol", "1234", PasswordMode.PIN_OTP);
        String right = response(PLAIN.value(), PLAIN_SUITE, question(c), null);

        assertThat(answer("carol", c, right)).isEqualTo(new Accept("carol", PLAIN));
        assertThat(reason(answer("carol", c, right))).isEqualTo(RejectReason.CHALLENGE_EXPIRED);

        Challenge next = challenge("carol", "1234", PasswordMode.PIN_OTP);
        String good = response(PLAIN.value(), PLAIN_SUITE, question(next), null);
        String wrong = good.substring(0, 5) + (char) ('0' + (good.charAt(5) - '0' + 1) % 10);
        AuthDecision refused = answer("carol", next, wrong);
        assertThat(refused).isEqualTo(new Reject(RejectReason.NO_MATCH, Optional.of(PLAIN)));

        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .extracting(e -> e.event().serial()).containsExactly(Optional.of(PLAIN));
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_FAILED)))
                .extracting(e -> e.event().detail())
                .containsExactlyInAnyOrder("reason=CHALLENGE_EXPIRED", "reason=NO_MATCH");
    }

    @Test
    @DisplayName("C-QN08: the counter moves past the accepted response; the token's old counter is a replay")
    void counterSuiteMovesTheCounterAndRefusesAReplayedCounter() {
        Challenge first = challenge("dave", "5678", PasswordMode.PIN_OTP);
        assertThat(answer("dave", first, response(COUNTED.value(), COUNTER_SUITE, question(first), 0L)))
                .isEqualTo(new Accept("dave", COUNTED));
        assertThat(store.tokens().find(COUNTED).orElseThrow().token().state().counter()).isEqualTo(1);

        Challenge second = challenge("dave", "5678", PasswordMode.PIN_OTP);
        assertThat(reason(answer("dave", second, response(COUNTED.value(), COUNTER_SUITE, question(second), 0L))))
                .isEqualTo(RejectReason.REPLAY);
        assertThat(reason(answer("dave", second, "12345678"))).isEqualTo(RejectReason.CHALLENGE_EXPIRED);

        Challenge third = challenge("dave", "5678", PasswordMode.PIN_OTP);
        assertThat(answer("dave", third, response(COUNTED.value(), COUNTER_SUITE, question(third), 3L)))
                .isEqualTo(new Accept("dave", COUNTED));
        assertThat(store.tokens().find(COUNTED).orElseThrow().token().state().counter()).isEqualTo(4);
    }

    @Test
    void everyPasswordModeChallengesAnOcraTokenAndAWrongPinGetsNoQuestion() {
        for (PasswordMode mode : PasswordMode.values()) {
            assertThat(question(challenge("carol", "1234", mode))).describedAs(mode.configName()).hasSize(8);
        }
        assertThat(reason(login("carol", "0000", PasswordMode.PIN_OTP, Optional.empty(), NOW)))
                .isEqualTo(RejectReason.BAD_PIN);
        assertThat(reason(login("carol", "0000", PasswordMode.CHALLENGE, Optional.empty(), NOW)))
                .isEqualTo(RejectReason.BAD_PIN);
    }

    @Test
    void thePendingChallengeNamesTokenAndQuestionButNotThePin() {
        Challenge c = challenge("carol", "1234", PasswordMode.PIN_OTP);

        assertThat(store.challenges().take(c.stateId(), NOW)).get()
                .satisfies(p -> assertThat(p.data()).isEqualTo("ocra " + question(c) + " " + PLAIN.value()))
                .satisfies(p -> assertThat(p.expires()).isEqualTo(NOW.plus(AuthPolicy.DEFAULT.challengeLifetime())));
    }

    @Test
    void anOcraChallengeExpiresLikeAnyOther() {
        Challenge c = challenge("carol", "1234", PasswordMode.PIN_OTP);
        String right = response(PLAIN.value(), PLAIN_SUITE, question(c), null);

        assertThat(reason(login("carol", right, PasswordMode.PIN_OTP, Optional.of(c.stateId()), NOW.plusSeconds(121))))
                .isEqualTo(RejectReason.CHALLENGE_EXPIRED);
    }

    @Test
    void aUserWithAnOcraAndAnHotpTokenCanStillUseTheHotpCodeInline() {
        String hotp = Hotp.generate(HashAlgorithm.SHA1, StoreFixture.seedFor("HOTP-E"), 0, 6);

        assertThat(login("erin", "9999" + hotp, PasswordMode.PIN_OTP, Optional.empty(), NOW))
                .isEqualTo(new Accept("erin", new Serial("HOTP-E")));
        Challenge c = challenge("erin", "9999", PasswordMode.PIN_OTP);
        assertThat(answer("erin", c, response("OCRA-E", PLAIN_SUITE, question(c), null)))
                .isEqualTo(new Accept("erin", new Serial("OCRA-E")));
    }

    @Test
    void anotherUsersStateIsRefused() {
        Challenge c = challenge("carol", "1234", PasswordMode.PIN_OTP);

        assertThat(reason(login("dave", "123456", PasswordMode.PIN_OTP, Optional.of(c.stateId()), NOW)))
                .isEqualTo(RejectReason.CHALLENGE_EXPIRED);
    }

    /*
     * A QN08 accept moves no counter, so its token state is the same as after an earlier accept at
     * the same instant; it must still be stored: the audit row, and the user's failures cleared.
     */
    @Test
    @DisplayName("QN08: an accept that leaves the token state unchanged still writes its audit row and clears failures")
    void plainSuiteAcceptThatLeavesTheTokenUnchangedIsStillRecorded() {
        Challenge first = challenge("carol", "1234", PasswordMode.PIN_OTP);
        assertThat(answer("carol", first, response(PLAIN.value(), PLAIN_SUITE, question(first), null)))
                .isEqualTo(new Accept("carol", PLAIN));
        assertThat(reason(login("carol", "0000", PasswordMode.PIN_OTP, Optional.empty(), NOW)))
                .isEqualTo(RejectReason.BAD_PIN);
        assertThat(store.users().find("carol").orElseThrow().lock().failures()).isEqualTo(1);

        Challenge second = challenge("carol", "1234", PasswordMode.PIN_OTP);
        assertThat(answer("carol", second, response(PLAIN.value(), PLAIN_SUITE, question(second), null)))
                .isEqualTo(new Accept("carol", PLAIN));

        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .describedAs("a row per accepted login").hasSize(2);
        assertThat(store.users().find("carol").orElseThrow().lock().failures())
                .describedAs("carol's failures after the second accept").isZero();
    }
}
