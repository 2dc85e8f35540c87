package org.keyfob.oath.verify;

import java.time.Instant;
import org.keyfob.oath.engine.Hmac;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/**
 * Decides whether a presented code is good for a token, as a pure function of the token, the
 * code and the time. Holds no state and reads no clock: the caller passes {@code now} and stores
 * {@link Verification#next()} with a compare-and-set before it answers.
 *
 * <p>The order of checks: a token that is not VALID, or is locked, is rejected without looking at
 * the code (and without counting a failure). Then the code must have the token's length; then the
 * kind's windows are searched (see {@link HotpRules} and {@link TotpRules}). OCRA responses
 * answer a question, so they go through {@link #verifyOcra} instead.
 */
public final class Verifier {
    private final OtpPolicy policy;
    private final HotpRules hotp;
    private final TotpRules totp;
    private final YubicoRules yubico;
    private final OcraRules ocra;
    private final Outcomes outcomes;

    public Verifier(OtpPolicy policy) {
        this.policy = policy;
        this.outcomes = new Outcomes(policy.lockout());
        this.hotp = new HotpRules(policy, outcomes);
        this.totp = new TotpRules(policy, outcomes);
        this.yubico = new YubicoRules(outcomes);
        this.ocra = new OcraRules(policy, outcomes);
    }

    public OtpPolicy policy() {
        return policy;
    }

    /**
     * Checks {@code response}, an OCRA token's answer to {@code question}, at {@code now} (see
     * {@link OcraRules} for the counter and time windows). The question is the one the server
     * asked; use each question once. Status and lock are checked first, as in {@link #verify}.
     *
     * @throws IllegalArgumentException if the token is not OCRA, or its suite needs a password hash
     *     or session information (see {@link OcraChallenges#canChallenge}), or the question does not
     *     fit the suite's question format
     */
    public Verification verifyOcra(Token token, String question, String response, Instant now) {
        OcraSuite suite = OcraChallenges.suiteOf(token);
        TokenState state = token.state();
        if (token.status() != TokenStatus.VALID) {
            return new Rejected(token.status().isRevoked() ? Reason.REVOKED : Reason.DISABLED, state);
        }
        if (state.lock().isLocked(now)) {
            return new Rejected(Reason.LOCKED, state);
        }
        state = state.withLock(policy.lockout().expire(state.lock(), now));
        return ocra.verify(suite, token.seed(), question, response, state, now);
    }

    /**
     * Checks a CHAP login (RFC 2865 §5.3) against an HOTP or TOTP token at {@code now}: the windows
     * are searched as in {@link #verify}, each candidate code turned into the response it would
     * give. Yubico and OCRA tokens cannot answer CHAP and are rejected as MALFORMED.
     */
    public Verification verifyChap(Token token, ChapResponse chap, Instant now) {
        TokenState state = token.state();
        if (token.status() != TokenStatus.VALID) {
            return new Rejected(token.status().isRevoked() ? Reason.REVOKED : Reason.DISABLED, state);
        }
        if (state.lock().isLocked(now)) {
            return new Rejected(Reason.LOCKED, state);
        }
        state = state.withLock(policy.lockout().expire(state.lock(), now));
        TokenSpec spec = token.spec();
        CodeMatcher matcher = new CodeMatcher(Hmac.keyed(spec.algorithm(), token.seed()), spec.digits(), chap);
        return switch (spec.kind()) {
            case HOTP -> hotp.verify(matcher, state, now);
            case TOTP -> totp.verify(matcher, spec, state, now);
            case OCRA, YUBICO -> outcomes.failed(Reason.MALFORMED, state, now);
        };
    }

    /** Checks {@code code} (an OTP, for Yubico tokens) against an HOTP, TOTP or Yubico token at {@code now}. */
    public Verification verify(Token token, String code, Instant now) {
        TokenState state = token.state();
        if (token.status() != TokenStatus.VALID) {
            return new Rejected(token.status().isRevoked() ? Reason.REVOKED : Reason.DISABLED, state);
        }
        if (state.lock().isLocked(now)) {
            return new Rejected(Reason.LOCKED, state);
        }
        state = state.withLock(policy.lockout().expire(state.lock(), now));
        TokenSpec spec = token.spec();
        if (spec.kind() == TokenKind.YUBICO) {
            return yubico.verify(token, code, state, now);
        }
        if (!CodeMatcher.isCode(code, spec.digits())) {
            return outcomes.failed(Reason.MALFORMED, state, now);
        }
        CodeMatcher matcher = new CodeMatcher(Hmac.keyed(spec.algorithm(), token.seed()), spec.digits(), code);
        return switch (spec.kind()) {
            case HOTP -> hotp.verify(matcher, state, now);
            case TOTP -> totp.verify(matcher, spec, state, now);
            case OCRA, YUBICO -> throw new IllegalArgumentException("token " + token.serial() + " is "
                    + spec.kind() + ": OCRA responses are checked against the challenge they answer");
        };
    }
}
