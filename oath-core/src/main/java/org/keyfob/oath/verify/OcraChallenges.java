package org.keyfob.oath.verify;

import java.util.random.RandomGenerator;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * The server's side of an OCRA challenge (RFC 6287 §7.1): which tokens it can challenge, and a
 * fresh question in the suite's format. The randomness comes in, so tests can fix it; the server
 * passes a {@link java.security.SecureRandom}.
 */
public final class OcraChallenges {
    private static final String DECIMAL = "0123456789";
    private static final String HEX = "0123456789ABCDEF";
    private static final String LETTERS_AND_DIGITS =
            DECIMAL + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private OcraChallenges() {
    }

    /**
     * Whether the server can check this token's responses: an OCRA token whose suite needs no
     * password hash {@code P} (the server keeps only a slow PIN hash, not the suite's) and no
     * session information {@code S} (RADIUS carries none).
     */
    public static boolean canChallenge(Token token) {
        if (token.spec().kind() != TokenKind.OCRA) {
            return false;
        }
        OcraSuite suite = parsed(token);
        return suite.passwordHash().isEmpty() && suite.sessionLength().isEmpty();
    }

    /** A new question of the suite's full length xx, in its format (QN, QA or QH). */
    public static String newQuestion(Token token, RandomGenerator random) {
        OcraSuite suite = suiteOf(token);
        String alphabet = switch (suite.questionFormat()) {
            case NUMERIC -> DECIMAL;
            case HEXADECIMAL -> HEX;
            case ALPHANUMERIC -> LETTERS_AND_DIGITS;
        };
        StringBuilder q = new StringBuilder(suite.questionLength());
        for (int i = 0; i < suite.questionLength(); i++) {
            q.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return q.toString();
    }

    /** The token's suite, parsed; the token must be OCRA with a suite that is only checked here. */
    static OcraSuite suiteOf(Token token) {
        OcraSuite suite = parsed(token);
        if (suite.passwordHash().isPresent() || suite.sessionLength().isPresent()) {
            throw new IllegalArgumentException("token " + token.serial() + ": OCRA suite \"" + suite
                    + "\" needs a password hash or session information, which the server cannot supply");
        }
        return suite;
    }

    private static OcraSuite parsed(Token token) {
        String text = token.spec().ocraSuite().orElseThrow(() -> new IllegalArgumentException(
                "token " + token.serial() + " is " + token.spec().kind() + ", not OCRA, so it answers no challenge"));
        return OcraSuite.parse(text);
    }
}
