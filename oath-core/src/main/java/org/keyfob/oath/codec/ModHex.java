package org.keyfob.oath.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Modhex, the hex variant YubiKeys type: the nibbles 0 to f are written with the letters
 * {@code cbdefghijklnrtuv}, which sit on the same keys in most keyboard layouts. Each byte becomes
 * two characters, high nibble first, so {@code 0x2d} is {@code "dt"}.
 *
 * <p>Only lower case is accepted: a YubiKey emits lower case and {@link #encode} produces it.
 * Callers that take typed input (caps lock on) fold it first. Stateless and thread safe.
 *
 * @see <a href="https://developers.yubico.com/OTP/Modhex_Converter.html">Yubico: Modhex</a>
 */
public final class ModHex {
    /** The sixteen modhex characters, in nibble order: index {@code n} encodes nibble {@code n}. */
    public static final String ALPHABET = "cbdefghijklnrtuv";

    private static final char[] DIGITS = ALPHABET.toCharArray();
    private static final byte[] NIBBLES = nibbleTable();

    private ModHex() {
    }

    /** The modhex form of {@code bytes}: {@code 2 * bytes.length} lower-case characters. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0x0f];
            out[2 * i + 1] = DIGITS[bytes[i] & 0x0f];
        }
        return new String(out);
    }

    /**
     * The bytes {@code modhex} encodes. The empty string decodes to no bytes.
     *
     * @throws IllegalArgumentException if the length is odd, or a character is not in
     *     {@link #ALPHABET}; the message gives the position (counting from 1) and the character
     */
    public static byte[] decode(String modhex) {
        Objects.requireNonNull(modhex, "modhex");
        if (modhex.length() % 2 != 0) {
            throw new IllegalArgumentException("modhex has an odd number of characters ("
                    + modhex.length() + "); every byte takes two");
        }
        byte[] out = new byte[modhex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (nibble(modhex, 2 * i) << 4 | nibble(modhex, 2 * i + 1));
        }
        return out;
    }

    /** Whether {@code s} is valid input for {@link #decode}: even length, only modhex letters. */
    public static boolean isModHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= NIBBLES.length || NIBBLES[c] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int nibble(String modhex, int index) {
        char c = modhex.charAt(index);
        if (c >= NIBBLES.length || NIBBLES[c] < 0) {
            throw new IllegalArgumentException("modhex character " + describe(c) + " at position "
                    + (index + 1) + " is not one of " + ALPHABET);
        }
        return NIBBLES[c];
    }

    /** A printable rendering of {@code c}: quoted if visible ASCII, else its code point. */
    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static byte[] nibbleTable() {
        byte[] table = new byte[128];
        Arrays.fill(table, (byte) -1);
        for (int n = 0; n < DIGITS.length; n++) {
            table[DIGITS[n]] = (byte) n;
        }
        return table;
    }
}
