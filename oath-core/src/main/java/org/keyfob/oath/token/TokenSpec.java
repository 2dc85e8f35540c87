package org.keyfob.oath.token;

import java.time.Duration;

/**
 * What a token computes, fixed when it is made: algorithm, hash, code length and, for TOTP, the
 * time step and its origin T0 (RFC 6238 §4.1). {@code step} and {@code t0} are ignored for HOTP.
 */
public record TokenSpec(TokenKind kind, HashAlgorithm algorithm, int digits, Duration step, long t0) {
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
    public static final Duration MAX_STEP = Duration.ofHours(1);

    public TokenSpec {
        if ((kind == TokenKind.HOTP || kind == TokenKind.TOTP) && (digits < 6 || digits > 8)) {
            throw new IllegalArgumentException("digits must be 6, 7 or 8, was " + digits);
        }
        if (step.isNegative() || step.isZero() || step.compareTo(MAX_STEP) > 0 || step.getNano() != 0) {
            throw new IllegalArgumentException("time step must be a whole number of seconds from 1 to "
                    + MAX_STEP.getSeconds() + ", was " + step);
        }
    }

    /** An event-based token: {@code HOTP-SHA1-6} and the like. */
    public static TokenSpec hotp(HashAlgorithm algorithm, int digits) {
        return new TokenSpec(TokenKind.HOTP, algorithm, digits, DEFAULT_STEP, 0);
    }

    /** A time-based token with T0 = 0 (the Unix epoch), as nearly every token ships. */
    public static TokenSpec totp(HashAlgorithm algorithm, int digits, Duration step) {
        return new TokenSpec(TokenKind.TOTP, algorithm, digits, step, 0);
    }
}
