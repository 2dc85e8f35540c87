package org.keyfob.oath.codec;

import java.util.Locale;

/**
 * Base32 of RFC 4648 §6, as authenticator apps and token vendors write seeds: case-insensitive
 * on input, padding optional, spaces and hyphens between groups ignored (vendors print
 * {@code JBSW Y3DP EHPK 3PXP}). Output is upper case without padding, as otpauth URIs use it.
 */
public final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt(buffer >>> (bits - 5) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt(buffer << (5 - bits) & 31));
        }
        return out.toString();
    }

    /**
     * Decodes {@code text}.
     *
     * @throws IllegalArgumentException naming the position (from 1) and character that is not
     *     Base32, or the length that cannot be a whole number of bytes; never echoing the input
     */
    public static byte[] decode(String text) {
        String s = text.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        int remainder = end % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("base32 text of " + end
                    + " characters cannot be a whole number of bytes");
        }
        byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < end; i++) {
            int value = ALPHABET.indexOf(s.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + (i + 1)
                        + " is not base32 (A-Z, 2-7)");
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
