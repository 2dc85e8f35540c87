package org.keyfob.oath.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.keyfob.oath.token.Seed;

/**
 * OCRA, the OATH challenge-response algorithm of RFC 6287: an HMAC over the suite and its data
 * inputs, truncated as in HOTP. Pure functions: the time comes in as a time step count, nothing
 * is stored, and every method is thread safe.
 *
 * <p>The question is not held to the suite's length xx here, because mutual challenge-response
 * (RFC 6287 §7.3) hashes two questions together; whoever makes or accepts a challenge checks its
 * length. Making challenges is out of scope too: the server does that.
 */
public final class Ocra {
    /** Q is always 128 bytes, left-aligned and zero-padded (RFC 6287 §5.1). */
    private static final int QUESTION_BYTES = 128;
    private static final String DECIMAL = "0123456789";
    private static final String HEX_DIGITS = DECIMAL + "abcdefABCDEF";
    private static final String LETTERS_AND_DIGITS =
            DECIMAL + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Ocra() {
    }

    /**
     * The response a token computes (RFC 6287 §5.2): {@code suite.digits()} decimal digits,
     * zero-padded, or for a suite with 0 digits the whole HMAC in lowercase hex.
     *
     * @throws IllegalArgumentException if {@code input} lacks an input the suite names, carries
     *     one it does not name, or has a question or value that does not fit the suite
     */
    public static String generate(OcraSuite suite, Seed seed, OcraInput input) {
        byte[] message = dataInput(suite, input);
        try {
            return response(Hmac.keyed(suite.algorithm(), seed).of(message), suite.digits());
        } finally {
            Arrays.fill(message, (byte) 0); // it may hold the password hash
        }
    }

    /**
     * Whether {@code response} is the one {@link #generate} gives, compared in constant time over
     * the ASCII bytes; a response of the wrong length is a non-match, not an error.
     */
    public static boolean matches(OcraSuite suite, Seed seed, OcraInput input, String response) {
        byte[] expected = generate(suite, seed, input).getBytes(US_ASCII);
        return MessageDigest.isEqual(expected, response.getBytes(US_ASCII));
    }

    /**
     * The time step count T at {@code now}: whole time steps of the suite's size G since
     * 1970-01-01T00:00Z (RFC 6287 §6.3). Instants before 1970 give negative counts, which
     * {@link OcraInput} refuses.
     *
     * @throws IllegalArgumentException if the suite has no time step {@code TG}
     */
    public static long timeStep(OcraSuite suite, Instant now) {
        Duration step = suite.timeStep().orElseThrow(() -> new IllegalArgumentException(
                "OCRA suite \"" + suite + "\" has no time step T, so it takes no time"));
        return Math.floorDiv(now.getEpochSecond(), step.getSeconds());
    }

    /** DataInput = suite || 0x00 || C || Q || P || S || T (RFC 6287 §5.1). */
    static byte[] dataInput(OcraSuite suite, OcraInput input) {
        checkInputsNamed(suite, input);
        byte[] name = suite.toString().getBytes(US_ASCII);
        int sessionBytes = suite.sessionLength().orElse(0);
        ByteBuffer data = ByteBuffer.allocate(name.length + 1 + (suite.counter() ? 8 : 0) + QUESTION_BYTES
                + suite.passwordHashBytes() + sessionBytes + (suite.timeStep().isPresent() ? 8 : 0));
        data.put(name).put((byte) 0);
        input.counter().ifPresent(data::putLong);
        data.put(question(suite, input.question()));
        input.password().ifPresent(password -> {
            byte[] hash = password.revealHash();
            data.put(hash);
            Arrays.fill(hash, (byte) 0);
        });
        input.sessionInformation().ifPresent(hex -> {
            // Right-aligned in its nnn bytes, as the RFC's reference implementation pads it.
            byte[] session = HexFormat.of().parseHex(hex);
            data.position(data.position() + sessionBytes - session.length).put(session);
        });
        input.timeStep().ifPresent(data::putLong);
        return data.array();
    }

    private static void checkInputsNamed(OcraSuite suite, OcraInput input) {
        requireSame(suite, suite.counter(), input.counter().isPresent(), "counter C");
        requireSame(suite, suite.passwordHash().isPresent(), input.password().isPresent(), "password hash P");
        requireSame(suite, suite.sessionLength().isPresent(), input.sessionInformation().isPresent(),
                "session information S");
        requireSame(suite, suite.timeStep().isPresent(), input.timeStep().isPresent(), "time step T");
        int passwordBytes = input.password().map(OcraPassword::length).orElse(0);
        if (passwordBytes != suite.passwordHashBytes()) {
            throw new IllegalArgumentException("OCRA suite \"" + suite + "\" takes a " + suite.passwordHashBytes()
                    + "-byte password hash, but the input's has " + passwordBytes + " bytes");
        }
        int sessionBytes = input.sessionInformation().map(hex -> hex.length() / 2).orElse(0);
        if (sessionBytes > suite.sessionLength().orElse(0)) {
            throw new IllegalArgumentException("OCRA suite \"" + suite + "\" takes at most "
                    + suite.sessionLength().orElse(0) + " bytes of session information, but the input has "
                    + sessionBytes);
        }
    }

    private static void requireSame(OcraSuite suite, boolean named, boolean given, String what) {
        if (named != given) {
            throw new IllegalArgumentException("OCRA suite \"" + suite + "\" " + (named ? "needs " : "has no ")
                    + what + ", but the input has " + (given ? "one" : "none"));
        }
    }

    /** Q: the question as nibbles, left-aligned in 128 bytes and padded with zeros. */
    private static byte[] question(OcraSuite suite, String question) {
        String nibbles = switch (suite.questionFormat()) {
            case NUMERIC -> new BigInteger(checkChars(suite, question, DECIMAL, "decimal digits")).toString(16);
            case HEXADECIMAL -> checkChars(suite, question, HEX_DIGITS, "hex digits");
            case ALPHANUMERIC -> HexFormat.of().formatHex(
                    checkChars(suite, question, LETTERS_AND_DIGITS, "letters and digits").getBytes(US_ASCII));
        };
        if (nibbles.length() > 2 * QUESTION_BYTES) {
            throw new IllegalArgumentException("OCRA suite \"" + suite + "\": question \"" + question
                    + "\" takes more than the " + QUESTION_BYTES + " bytes of Q");
        }
        byte[] q = new byte[QUESTION_BYTES];
        for (int i = 0; i < nibbles.length(); i++) {
            q[i / 2] |= (byte) (Character.digit(nibbles.charAt(i), 16) << (i % 2 == 0 ? 4 : 0));
        }
        return q;
    }

    private static String checkChars(OcraSuite suite, String question, String allowed, String description) {
        if (!question.chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("OCRA suite \"" + suite + "\": question \"" + question
                    + "\" is not " + description + " only");
        }
        return question;
    }

    /** Truncation of RFC 6287 §5.2; HOTP's own formatting stops at 9 digits, OCRA goes to 10. */
    private static String response(byte[] mac, int digits) {
        if (digits == 0) {
            return HexFormat.of().formatHex(mac);
        }
        int binary = Hotp.truncate(mac);
        if (digits < 10) {
            return Hotp.format(binary, digits);
        }
        String all = Integer.toString(binary); // below 2^31, so at most 10 digits
        return "0".repeat(10 - all.length()) + all;
    }
}
