package org.keyfob.oath.provision.csv;

import java.util.Base64;
import java.util.HexFormat;
import org.keyfob.oath.codec.Base32;

/**
 * Turns the text of a secret column into bytes. Every failure is an {@link IllegalArgumentException}
 * whose message names a position or a length, never a character of the secret.
 */
final class SecretDecoder {
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";
    private static final String BASE64_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private SecretDecoder() {
    }

    static byte[] decode(String text, SecretEncoding encoding) {
        return switch (encoding) {
            case HEX -> hex(text);
            case BASE32 -> Base32.decode(text);
            case BASE64 -> base64(text);
            case AUTO -> decode(text, guess(text));
        };
    }

    /** The one encoding {@code text} can be read in by the rule on {@link SecretEncoding}. */
    static SecretEncoding guess(String text) {
        boolean hex = isHexShaped(text);
        boolean base32 = isBase32Shaped(text);
        if (hex && base32) {
            throw new IllegalArgumentException("could be hex or base32; set the secret encoding"
                    + " for this file (HEX or BASE32) to say which");
        }
        if (hex) {
            return SecretEncoding.HEX;
        }
        if (base32) {
            return SecretEncoding.BASE32;
        }
        int bad = firstOutside(stripPadding(text), BASE64_ALPHABET);
        if (bad >= 0) {
            throw new IllegalArgumentException("character " + (bad + 1) + " is not hex, base32 or base64");
        }
        return SecretEncoding.BASE64;
    }

    private static byte[] hex(String text) {
        int bad = firstOutside(text, HEX_DIGITS);
        if (bad >= 0) {
            throw new IllegalArgumentException("character " + (bad + 1) + " is not hex (0-9, a-f)");
        }
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("hex of " + text.length()
                    + " characters is not a whole number of bytes");
        }
        return HexFormat.of().parseHex(text);
    }

    private static byte[] base64(String text) {
        String body = stripPadding(text);
        int bad = firstOutside(body, BASE64_ALPHABET);
        if (bad >= 0) {
            throw new IllegalArgumentException("character " + (bad + 1)
                    + " is not base64 (A-Z, a-z, 0-9, +, /)");
        }
        if (body.length() % 4 == 1) {
            throw new IllegalArgumentException("base64 text of " + body.length()
                    + " characters cannot be a whole number of bytes");
        }
        return Base64.getDecoder().decode(body);
    }

    private static boolean isHexShaped(String text) {
        return !text.isEmpty() && firstOutside(text, HEX_DIGITS) < 0;
    }

    private static boolean isBase32Shaped(String text) {
        String body = stripPadding(text);
        return !body.isEmpty() && (firstOutside(body, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") < 0
                || firstOutside(body, "abcdefghijklmnopqrstuvwxyz234567") < 0);
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Index of the first character of {@code text} not in {@code allowed}, or -1. */
    private static int firstOutside(String text, String allowed) {
        for (int i = 0; i < text.length(); i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return i;
            }
        }
        return -1;
    }
}
