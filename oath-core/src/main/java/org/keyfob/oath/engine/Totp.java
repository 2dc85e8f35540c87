package org.keyfob.oath.engine;

import java.time.Duration;
import java.time.Instant;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** TOTP, RFC 6238: HOTP whose counter is the number of time steps since T0. */
public final class Totp {
    private Totp() {
    }

    /**
     * The time step T = floor((now - t0) / step) of RFC 6238 §4.2. Times before T0 give negative
     * steps, which no code is ever accepted for.
     */
    public static long step(Instant now, Duration step, long t0EpochSeconds) {
        return Math.floorDiv(now.getEpochSecond() - t0EpochSeconds, step.getSeconds());
    }

    /** The code a token shows at {@code now}. */
    public static String generate(HashAlgorithm algorithm, Seed seed, Instant now, Duration step,
            long t0EpochSeconds, int digits) {
        return Hotp.generate(algorithm, seed, step(now, step, t0EpochSeconds), digits);
    }
}
