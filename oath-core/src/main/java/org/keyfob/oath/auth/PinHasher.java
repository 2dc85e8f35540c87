package org.keyfob.oath.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PIN hashes: PBKDF2-HMAC-SHA256, encoded {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64) so the iteration count can rise later without invalidating stored hashes.
 */
public final class PinHasher {
    public static final int DEFAULT_ITERATIONS = 100_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public PinHasher(int iterations) {
        if (iterations < 1_000 || iterations > 10_000_000) {
            throw new IllegalArgumentException("PIN hash iterations must be 1000..10000000, was " + iterations);
        }
        this.iterations = iterations;
    }

    /** A new salted hash of {@code pin}. */
    public String hash(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(pin, salt, iterations);
        return PREFIX + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    /**
     * Whether {@code pin} matches {@code encoded}, compared in constant time. A hash this class
     * cannot read is a non-match, never an exception, so a corrupt row cannot let anyone in.
     */
    public static boolean matches(String pin, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (rounds < 1 || rounds > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(derive(pin, salt, rounds), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String pin, byte[] salt, int rounds) {
        char[] chars = pin.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new AssertionError("PBKDF2WithHmacSHA256 is in every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
