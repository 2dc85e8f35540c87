package org.keyfob.oath.verify;

import java.time.Instant;
import org.keyfob.oath.engine.Ocra;
import org.keyfob.oath.engine.OcraInput;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Reason;

/**
 * RFC 6287 §7.1 one-way challenge-response: the server asked {@code question}, the token answered.
 * What protects against a replayed response depends on the suite's inputs:
 * <ul>
 *   <li>counter {@code C}: the stored counter is the next one expected; counters c..c+L
 *       (L the HOTP look-ahead) are accepted and the counter moves one past the match; the
 *       response at c-1 is a replay;
 *   <li>time {@code T} (without C): the time step of {@code now} and one either side; the stored
 *       counter is one past the last accepted step, and a step below it is a replay;
 *   <li>neither: only the question protects, so the caller must use each question once.
 * </ul>
 * With both C and T, the counter guards against replay and T is searched ±1 step.
 * Suites with a password hash {@code P} or session information {@code S} are not handled here.
 */
final class OcraRules {
    /** Time steps either side of now that a {@code T} suite accepts (clock skew and typing time). */
    static final int TIME_WINDOW = 1;

    private final OtpPolicy policy;
    private final Outcomes outcomes;

    OcraRules(OtpPolicy policy, Outcomes outcomes) {
        this.policy = policy;
        this.outcomes = outcomes;
    }

    Verification verify(OcraSuite suite, Seed seed, String question, String response, TokenState state,
            Instant now) {
        if (!hasResponseShape(suite, response)) {
            return outcomes.failed(Reason.MALFORMED, state, now);
        }
        OcraInput asked = OcraInput.ofQuestion(question);
        if (suite.counter()) {
            return byCounter(suite, seed, asked, response, state, now);
        }
        if (suite.timeStep().isPresent()) {
            return byTime(suite, seed, asked, response, state, now);
        }
        if (Ocra.matches(suite, seed, asked, response)) {
            return outcomes.acceptedKeepingCounter(state, now);
        }
        return outcomes.failed(Reason.NO_MATCH, state, now);
    }

    private Verification byCounter(OcraSuite suite, Seed seed, OcraInput asked, String response, TokenState state,
            Instant now) {
        long c = state.counter();
        for (long f = c; f <= c + policy.hotpLookAhead(); f++) {
            if (matchesAnyStep(suite, seed, asked.withCounter(f), response, now)) {
                return outcomes.accepted(state, f, f - c, 0, now);
            }
        }
        if (c > 0 && matchesAnyStep(suite, seed, asked.withCounter(c - 1), response, now)) {
            return outcomes.failed(Reason.REPLAY, state, now);
        }
        return outcomes.failed(Reason.NO_MATCH, state, now);
    }

    /** For a suite without T, whether the response matches; with T, whether it does at a step near now. */
    private static boolean matchesAnyStep(OcraSuite suite, Seed seed, OcraInput input, String response,
            Instant now) {
        if (suite.timeStep().isEmpty()) {
            return Ocra.matches(suite, seed, input, response);
        }
        long current = Ocra.timeStep(suite, now);
        for (long t = current - TIME_WINDOW; t <= current + TIME_WINDOW; t++) {
            if (t >= 0 && Ocra.matches(suite, seed, input.withTimeStep(t), response)) {
                return true;
            }
        }
        return false;
    }

    private Verification byTime(OcraSuite suite, Seed seed, OcraInput asked, String response, TokenState state,
            Instant now) {
        long current = Ocra.timeStep(suite, now);
        boolean replayed = false;
        for (long t : new long[] {current, current - TIME_WINDOW, current + TIME_WINDOW}) {
            if (t >= 0 && Ocra.matches(suite, seed, asked.withTimeStep(t), response)) {
                if (t >= state.counter()) {
                    return outcomes.accepted(state, t, t - current, 0, now);
                }
                replayed = true;
            }
        }
        return outcomes.failed(replayed ? Reason.REPLAY : Reason.NO_MATCH, state, now);
    }

    /** {@code digits} decimal digits, or for a suite with 0 digits the whole HMAC in lowercase hex. */
    private static boolean hasResponseShape(OcraSuite suite, String response) {
        if (suite.digits() > 0) {
            return CodeMatcher.isCode(response, suite.digits());
        }
        return response.length() == 2 * suite.algorithm().outputBytes()
                && response.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    }
}
