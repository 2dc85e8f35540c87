package org.keyfob.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.keyfob.oath.token.Seed;

/**
 * One user of the load test: name, token serial and kind, PIN and seed. Everything is derived
 * from the index, so the filler, the load generator and the FreeRADIUS users file agree without
 * passing secrets around; these are throw-away benchmark users, never real ones.
 *
 * @param staticPassword what the user sends to a server answering plain PAP (FreeRADIUS): the PIN
 *     and six zeros, so the User-Password has the length of a PIN+code login
 */
record BenchUser(int index, String name, String serial, boolean totp, String pin, Seed seed, String staticPassword) {

    /** Every tenth user holds a TOTP token; TOTP users can log in once per 30-second step. */
    static BenchUser of(int index) {
        String padded = String.format("%07d", index);
        String pin = String.format("%04d", new SplittableRandom(index).nextInt(10_000));
        return new BenchUser(index, "u" + padded, "T" + padded, index % 10 == 9, pin, seed(index), pin + "000000");
    }

    private static Seed seed(int index) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("keyfob-bench-seed-" + index).getBytes(StandardCharsets.US_ASCII));
            byte[] seed = Arrays.copyOf(digest, 20);
            Arrays.fill(digest, (byte) 0);
            return Seed.of(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is in every Java runtime", e);
        }
    }
}
