package org.keyfob.oath.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token computes, fixed when it is made: algorithm, hash, code length and, for TOTP, the
 * time step and its origin T0 (RFC 6238 §4.1). {@code step} and {@code t0} are ignored for HOTP.
 *
 * @param ocraSuite for an OCRA token, its RFC 6287 suite such as {@code OCRA-1:HOTP-SHA1-6:QN08};
 *     empty for every other kind. Kept as text because this package does not depend on the
 *     engine; whoever computes with it parses it once with {@code OcraSuite.parse}.
 */
public record TokenSpec(TokenKind kind, HashAlgorithm algorithm, int digits, Duration step, long t0,
        Optional<String> ocraSuite) {
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
    public static final Duration MAX_STEP = Duration.ofHours(1);

    public TokenSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ocraSuite, "ocraSuite");
        if ((kind == TokenKind.HOTP || kind == TokenKind.TOTP) && (digits < 6 || digits > 8)) {
            throw new IllegalArgumentException("digits must be 6, 7 or 8, was " + digits);
        }
        if (step.isNegative() || step.isZero() || step.compareTo(MAX_STEP) > 0 || step.getNano() != 0) {
            throw new IllegalArgumentException("time step must be a whole number of seconds from 1 to "
                    + MAX_STEP.getSeconds() + ", was " + step);
        }
        if (kind == TokenKind.OCRA && ocraSuite.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("an OCRA token needs its suite, e.g. OCRA-1:HOTP-SHA1-6:QN08");
        }
        if (kind != TokenKind.OCRA && ocraSuite.isPresent()) {
            throw new IllegalArgumentException("only OCRA tokens have a suite; a " + kind + " token was given \""
                    + ocraSuite.get() + "\"");
        }
    }

    /** A token of any kind but OCRA, which has no suite. */
    public TokenSpec(TokenKind kind, HashAlgorithm algorithm, int digits, Duration step, long t0) {
        this(kind, algorithm, digits, step, t0, Optional.empty());
    }

    /** An event-based token: {@code HOTP-SHA1-6} and the like. */
    public static TokenSpec hotp(HashAlgorithm algorithm, int digits) {
        return new TokenSpec(TokenKind.HOTP, algorithm, digits, DEFAULT_STEP, 0);
    }

    /** A time-based token with T0 = 0 (the Unix epoch), as nearly every token ships. */
    public static TokenSpec totp(HashAlgorithm algorithm, int digits, Duration step) {
        return new TokenSpec(TokenKind.TOTP, algorithm, digits, step, 0);
    }

    /**
     * A challenge-response token; {@code algorithm} and {@code digits} must be the suite's (the
     * caller parses the suite and passes them, as this package cannot).
     */
    public static TokenSpec ocra(String suite, HashAlgorithm algorithm, int digits) {
        return new TokenSpec(TokenKind.OCRA, algorithm, digits, DEFAULT_STEP, 0, Optional.of(suite));
    }
}
