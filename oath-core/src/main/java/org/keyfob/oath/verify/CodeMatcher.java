package org.keyfob.oath.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.keyfob.oath.engine.Hmac;
import org.keyfob.oath.engine.Hotp;

/**
 * Compares one presented code, or a CHAP response made from a code, with the codes at given
 * counters or steps, in constant time.
 */
final class CodeMatcher {
    private final Hmac hmac;
    private final int digits;
    private final byte[] presented;
    private final ChapResponse chap;

    CodeMatcher(Hmac hmac, int digits, String presented) {
        this.hmac = hmac;
        this.digits = digits;
        this.presented = presented.getBytes(StandardCharsets.US_ASCII);
        this.chap = null;
    }

    /** Matches the code whose CHAP response (RFC 2865 §5.3) is {@code chap}. */
    CodeMatcher(Hmac hmac, int digits, ChapResponse chap) {
        this.hmac = hmac;
        this.digits = digits;
        this.presented = null;
        this.chap = chap;
    }

    /** Whether the code at {@code factor} is the presented one; negative factors never match. */
    boolean matches(long factor) {
        if (factor < 0) {
            return false;
        }
        byte[] expected = Hotp.generate(hmac, factor, digits).getBytes(StandardCharsets.US_ASCII);
        return chap != null ? chap.answeredWith(expected) : MessageDigest.isEqual(expected, presented);
    }

    /** Whether {@code code} has the shape of a code of {@code digits} decimal digits. */
    static boolean isCode(String code, int digits) {
        if (code.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
