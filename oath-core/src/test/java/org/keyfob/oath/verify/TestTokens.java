package org.keyfob.oath.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** Tokens and the codes they show, for verifier tests. */
final class TestTokens {
    static final Seed SEED = Seed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    static final Duration STEP = Duration.ofSeconds(30);
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private TestTokens() {
    }

    static Token hotp(long counter) {
        return new Token(new Serial("HOTP1"), TokenSpec.hotp(HashAlgorithm.SHA1, 6), SEED,
                TokenStatus.VALID, TokenState.initial(counter));
    }

    static Token totp() {
        return new Token(new Serial("TOTP1"), TokenSpec.totp(HashAlgorithm.SHA256, 6, STEP), SEED,
                TokenStatus.VALID, TokenState.initial(0));
    }

    /** The code an HOTP token shows at {@code counter}. */
    static String hotpCode(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, SEED, counter, 6);
    }

    /** The code a TOTP token whose clock reads {@code tokenClock} shows. */
    static String totpCode(Instant tokenClock) {
        return Totp.generate(HashAlgorithm.SHA256, SEED, tokenClock, STEP, 0, 6);
    }

    /** A six-digit string that is not the code at any counter in [from, to]. */
    static String wrongHotpCode(long from, long to) {
        for (int candidate = 0; ; candidate++) {
            String code = Hotp.format(candidate, 6);
            boolean used = false;
            for (long c = from; c <= to && !used; c++) {
                used = hotpCode(c).equals(code);
            }
            if (!used) {
                return code;
            }
        }
    }
}
