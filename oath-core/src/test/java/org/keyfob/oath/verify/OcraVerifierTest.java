package org.keyfob.oath.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/**
 * OCRA one-way challenge-response (RFC 6287 §7.1) as the server checks it, with the responses of
 * RFC 6287 Appendix C: counter look-ahead and replay for {@code C} suites, a ±1 step window and
 * replay for {@code T} suites, and a plain match for suites with neither.
 */
class OcraVerifierTest {
    private static final Map<String, String> KEYS = Map.of(
            "K20", "3132333435363738393031323334353637383930",
            "K32", "3132333435363738393031323334353637383930313233343536373839303132",
            "K64", "3132333435363738393031323334353637383930313233343536373839303132"
                    + "3334353637383930313233343536373839303132333435363738393031323334");
    private static final Instant NOW = TestTokens.NOW;
    /** T = 132d0b6 (hex) minutes, the time of the RFC's T1M vectors. */
    private static final long RFC_MINUTE = 0x132d0b6L;
    private static final Instant RFC_TIME = Instant.ofEpochSecond(RFC_MINUTE * 60);

    private final Verifier verifier = new Verifier(OtpPolicy.DEFAULT);

    private static Token token(String suite, String key, long counter) {
        OcraSuite parsed = OcraSuite.parse(suite);
        return new Token(new Serial("OCRA1"), TokenSpec.ocra(suite, parsed.algorithm(), parsed.digits()),
                Seed.of(HexFormat.of().parseHex(KEYS.get(key))), TokenStatus.VALID, TokenState.initial(counter));
    }

    /** The Appendix C vectors whose suites the server can challenge (no P, no S). */
    static Stream<Arguments> challengeableVectors() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                OcraVerifierTest.class.getResourceAsStream("/vectors/rfc6287-appendix-c.csv"),
                StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split(",", -1))
                    .filter(f -> f[8].equals("match") && f[5].isEmpty())
                    .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4], f[6], f[7]))
                    .toList().stream();
        }
    }

    @DisplayName("RFC 6287 Appendix C: each response is accepted for its question, at its counter and time")
    @ParameterizedTest(name = "{0}: {1} C={3} Q={4} T={5} -> {6}")
    @MethodSource("challengeableVectors")
    void acceptsTheRfcResponse(String id, String suite, String key, String counter, String question,
            String timeStep, String response) {
        long c = counter.isEmpty() ? 0 : Long.parseLong(counter);
        Instant at = timeStep.isEmpty() ? NOW : Instant.ofEpochSecond(Long.parseLong(timeStep, 16) * 60 + 30);

        Verification v = verifier.verifyOcra(token(suite, key, c), question, response, at);

        assertThat(v).describedAs(id).isInstanceOf(Accepted.class);
        assertThat(v.next().lock()).isEqualTo(LockState.CLEAR);
        assertThat(v.next().lastAccepted()).contains(at);
    }

    @Test
    @DisplayName("RFC 6287 C.1a (QN08, neither C nor T): the response must match; the counter stays")
    void suiteWithoutCounterOrTimeAcceptsMatchingResponseAndKeepsCounter() {
        Token t = token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0);

        Verification v = verifier.verifyOcra(t, "00000000", "237653", NOW);

        assertThat(v).isInstanceOf(Accepted.class);
        assertThat(v.next().counter()).isZero();
    }

    @Test
    void rejectsWrongResponseAndResponseToAnotherQuestionAndCountsTheFailure() {
        Token t = token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0);

        Verification wrong = verifier.verifyOcra(t, "00000000", "237654", NOW);
        Verification other = verifier.verifyOcra(t, "00000000", "243178", NOW);

        assertThat(wrong).isEqualTo(new Rejected(Reason.NO_MATCH,
                t.state().withLock(new LockState(1, Optional.empty()))));
        assertThat(other).isInstanceOf(Rejected.class).extracting(x -> ((Rejected) x).reason())
                .isEqualTo(Reason.NO_MATCH);
    }

    @Test
    void rejectsResponseOfTheWrongShapeAsMalformed() {
        Token t = token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0);

        for (String bad : new String[] {"23765", "2376530", "23765a", ""}) {
            assertThat(verifier.verifyOcra(t, "00000000", bad, NOW)).describedAs(bad)
                    .extracting(x -> ((Rejected) x).reason()).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    @DisplayName("RFC 6287 C.1d (C-QN08): a response a few counters ahead is accepted and moves the counter past it")
    void counterSuiteLooksAheadAndMovesCounterPastTheMatch() {
        Token t = token("OCRA-1:HOTP-SHA512-8:C-QN08", "K64", 0);

        Verification v = verifier.verifyOcra(t, "33333333", "25341727", NOW);

        assertThat(v).isEqualTo(new Accepted(t.state().accepted(3, 0, NOW), 3, 3));
        assertThat(v.next().counter()).isEqualTo(4);
    }

    @Test
    void counterSuiteRejectsTheResponseAtTheLastAcceptedCounterAsReplay() {
        Token t = token("OCRA-1:HOTP-SHA512-8:C-QN08", "K64", 4);

        Verification v = verifier.verifyOcra(t, "33333333", "25341727", NOW);

        assertThat(v).extracting(x -> ((Rejected) x).reason()).isEqualTo(Reason.REPLAY);
    }

    @Test
    void counterSuiteRejectsResponseBeyondTheLookAhead() {
        Verifier narrow = new Verifier(OtpPolicy.DEFAULT.withHotpLookAhead(2));
        Token t = token("OCRA-1:HOTP-SHA512-8:C-QN08", "K64", 0);

        assertThat(narrow.verifyOcra(t, "33333333", "25341727", NOW))
                .extracting(x -> ((Rejected) x).reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(narrow.verifyOcra(t, "22222222", "70123924", NOW)).isInstanceOf(Accepted.class);
    }

    @Test
    @DisplayName("RFC 6287 C.1e (QN08-T1M): the current step and one either side; a used step is a replay")
    void timeSuiteAcceptsOneStepEitherSideAndRefusesAUsedStep() {
        Token t = token("OCRA-1:HOTP-SHA512-8:QN08-T1M", "K64", 0);
        String question = "00000000";
        String response = "95209754";

        Verification now = verifier.verifyOcra(t, question, response, RFC_TIME.plusSeconds(10));
        Verification late = verifier.verifyOcra(t, question, response, RFC_TIME.plusSeconds(70));
        Verification tooLate = verifier.verifyOcra(t, question, response, RFC_TIME.plusSeconds(130));
        Verification early = verifier.verifyOcra(t, question, response, RFC_TIME.minusSeconds(50));

        assertThat(now).isEqualTo(new Accepted(t.state().accepted(RFC_MINUTE, 0, RFC_TIME.plusSeconds(10)),
                RFC_MINUTE, 0));
        assertThat(late).extracting(Verification::next).extracting(TokenState::counter).isEqualTo(RFC_MINUTE + 1);
        assertThat(late).isInstanceOf(Accepted.class).extracting(x -> ((Accepted) x).offset()).isEqualTo(-1L);
        assertThat(early).isInstanceOf(Accepted.class).extracting(x -> ((Accepted) x).offset()).isEqualTo(1L);
        assertThat(tooLate).extracting(x -> ((Rejected) x).reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(verifier.verifyOcra(t.withState(now.next()), question, response, RFC_TIME.plusSeconds(20)))
                .extracting(x -> ((Rejected) x).reason()).isEqualTo(Reason.REPLAY);
    }

    @Test
    void lockedOrRevokedTokenIsRefusedWithoutCheckingOrCounting() {
        Token t = token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0);
        TokenState locked = t.state().withLock(new LockState(10, Optional.of(NOW.plusSeconds(60))));
        Token revoked = new Token(t.serial(), t.spec(), t.seed(), TokenStatus.REVOKED_LOST, t.state());

        assertThat(verifier.verifyOcra(t.withState(locked), "00000000", "237653", NOW))
                .isEqualTo(new Rejected(Reason.LOCKED, locked));
        assertThat(verifier.verifyOcra(revoked, "00000000", "237653", NOW))
                .isEqualTo(new Rejected(Reason.REVOKED, t.state()));
    }

    @Test
    void suitesNeedingAPasswordHashOrSessionCannotBeChallengedAndOtherKindsAreRefused() {
        Token withPin = token("OCRA-1:HOTP-SHA256-8:QN08-PSHA1", "K32", 0);

        assertThat(OcraChallenges.canChallenge(withPin)).isFalse();
        assertThat(OcraChallenges.canChallenge(token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0))).isTrue();
        assertThat(OcraChallenges.canChallenge(TestTokens.hotp(0))).isFalse();
        assertThatThrownBy(() -> verifier.verifyOcra(withPin, "00000000", "83238735", NOW))
                .hasMessageContaining("needs a password hash or session information");
        assertThatThrownBy(() -> verifier.verifyOcra(TestTokens.hotp(0), "00000000", "755224", NOW))
                .hasMessageContaining("is HOTP, not OCRA");
    }

    @Test
    void newQuestionsHaveTheSuitesFormatAndFullLength() {
        Random random = new Random(42);

        for (int i = 0; i < 200; i++) {
            assertThat(OcraChallenges.newQuestion(token("OCRA-1:HOTP-SHA1-6:QN08", "K20", 0), random))
                    .matches("[0-9]{8}");
            assertThat(OcraChallenges.newQuestion(token("OCRA-1:HOTP-SHA512-8:QA10-T1M", "K64", 0), random))
                    .matches("[0-9A-Za-z]{10}");
            assertThat(OcraChallenges.newQuestion(token("OCRA-1:HOTP-SHA256-8:C-QH40", "K32", 0), random))
                    .matches("[0-9A-F]{40}");
        }
    }
}
