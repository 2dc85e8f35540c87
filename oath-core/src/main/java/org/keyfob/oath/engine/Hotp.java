package org.keyfob.oath.engine;

import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** HOTP, RFC 4226: an HMAC of a counter, truncated to a few decimal digits. */
public final class Hotp {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
        10_000_000, 100_000_000, 1_000_000_000};

    private Hotp() {
    }

    /** The code for {@code counter}, zero-padded to {@code digits}. */
    public static String generate(HashAlgorithm algorithm, Seed seed, long counter, int digits) {
        return generate(Hmac.keyed(algorithm, seed), counter, digits);
    }

    /** The code for {@code counter} under an already keyed HMAC, zero-padded to {@code digits}. */
    public static String generate(Hmac hmac, long counter, int digits) {
        return format(truncate(hmac.ofCounter(counter)), digits);
    }

    /**
     * Dynamic truncation (RFC 4226 §5.3): 31 bits taken at the offset named by the low nibble of
     * the last byte. Works for SHA-1, SHA-256 and SHA-512 outputs alike (RFC 6238 §1.2).
     */
    public static int truncate(byte[] mac) {
        int offset = mac[mac.length - 1] & 0x0f;
        return (mac[offset] & 0x7f) << 24
                | (mac[offset + 1] & 0xff) << 16
                | (mac[offset + 2] & 0xff) << 8
                | (mac[offset + 3] & 0xff);
    }

    /** The last {@code digits} decimal digits of {@code binary}, left-padded with zeros. */
    public static String format(int binary, int digits) {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("digits must be between 1 and 9, was " + digits);
        }
        int value = binary % POWERS_OF_TEN[digits];
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(out);
    }
}
