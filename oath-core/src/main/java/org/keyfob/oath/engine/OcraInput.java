package org.keyfob.oath.engine;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The values that go into one OCRA computation besides the key (RFC 6287 §5.1): the challenge
 * question Q and, when the suite asks for them, the counter C, the password hash P, the session
 * information S and the time step T. Build it with {@link #ofQuestion(String)} and the
 * {@code with…} methods; {@link Ocra} checks that it carries exactly the inputs its suite names.
 *
 * <p>For mutual challenge-response (RFC 6287 §7.3) the question is the concatenation of both
 * challenges, in the order the computation calls for: client then server challenge for the
 * server's response, server then client challenge for the client's.
 *
 * @param question the challenge question as typed: decimal digits, letters and digits, or hex
 *     digits, as the suite's question format says; checked against that format by {@link Ocra}
 * @param counter the counter C, 0 or more, if the suite has {@code C}
 * @param password the password hash P, if the suite has {@code PH}
 * @param sessionInformation the session information S in lowercase hex, if the suite has
 *     {@code Snnn}; at most nnn bytes
 * @param timeStep the number T of time steps since 1970-01-01T00:00Z, 0 or more, if the suite has
 *     {@code TG}; see {@link Ocra#timeStep}
 */
public record OcraInput(String question, OptionalLong counter, Optional<OcraPassword> password,
        Optional<String> sessionInformation, OptionalLong timeStep) {

    /** Checks the values that need no suite; the message names the bad one. */
    public OcraInput {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sessionInformation, "sessionInformation");
        Objects.requireNonNull(timeStep, "timeStep");
        if (question.isEmpty()) {
            throw new IllegalArgumentException("question must not be empty");
        }
        if (counter.isPresent() && counter.getAsLong() < 0) {
            throw new IllegalArgumentException("counter must not be negative, was " + counter.getAsLong());
        }
        if (timeStep.isPresent() && timeStep.getAsLong() < 0) {
            throw new IllegalArgumentException("time step must not be negative, was " + timeStep.getAsLong());
        }
        sessionInformation = sessionInformation.map(OcraInput::checkHex);
    }

    /** An input with only the challenge question; add the others with the {@code with…} methods. */
    public static OcraInput ofQuestion(String question) {
        return new OcraInput(question, OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
    }

    /** This input with the counter C (RFC 6287 §5.1: an 8-byte unsigned integer). */
    public OcraInput withCounter(long value) {
        return new OcraInput(question, OptionalLong.of(value), password, sessionInformation, timeStep);
    }

    /** This input with the password hash P. */
    public OcraInput withPassword(OcraPassword value) {
        return new OcraInput(question, counter, Optional.of(value), sessionInformation, timeStep);
    }

    /** This input with the session information S; copies {@code bytes} into hex. */
    public OcraInput withSessionInformation(byte[] bytes) {
        return new OcraInput(question, counter, password, Optional.of(HexFormat.of().formatHex(bytes)),
                timeStep);
    }

    /** This input with the time step count T, as {@link Ocra#timeStep} computes it. */
    public OcraInput withTimeStep(long value) {
        return new OcraInput(question, counter, password, sessionInformation, OptionalLong.of(value));
    }

    private static String checkHex(String hex) {
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            throw new IllegalArgumentException(
                    "session information must be an even number of hex digits, was \"" + hex + "\"");
        }
        return hex.toLowerCase(Locale.ROOT);
    }
}
