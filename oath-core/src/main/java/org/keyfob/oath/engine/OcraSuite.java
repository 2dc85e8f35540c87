package org.keyfob.oath.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * An OCRA suite (RFC 6287 §6): which HMAC, how many digits, and which inputs go into the
 * DataInput. Parse a suite string once with {@link #parse(String)}; nothing re-reads the string.
 *
 * <p>The suite string itself is part of the HMAC input (RFC 6287 §5.1), so parsing is strict:
 * only the canonical spelling is accepted ({@code QN08}, not {@code QN8}; {@code T1M}, not
 * {@code T}), and {@link #toString()} gives back exactly the string that was parsed. Defaults the
 * RFC mentions (PSHA1, S064, T1M) must be written out.
 *
 * @param algorithm the HMAC hash function of the crypto function {@code HOTP-H-t}
 * @param digits the truncation length t: 4 to 10 decimal digits, or 0 for the full HMAC value
 * @param counter whether the DataInput starts with an 8-byte counter {@code C}
 * @param questionFormat how the challenge question is written: {@code A}, {@code N} or {@code H}
 * @param questionLength the maximum length xx of one challenge question, 4 to 64 characters
 * @param passwordHash the hash of the PIN or password {@code P}, if the suite uses one
 * @param sessionLength the length nnn in bytes of the session information {@code S}, 1 to 999
 * @param timeStep the size G of a time step {@code T}: 1-59 seconds, 1-59 minutes or 1-48 hours
 *     (the RFC's table starts hours at 0, but a time step of zero counts nothing)
 */
public record OcraSuite(HashAlgorithm algorithm, int digits, boolean counter,
        QuestionFormat questionFormat, int questionLength, Optional<HashAlgorithm> passwordHash,
        OptionalInt sessionLength, Optional<Duration> timeStep) {

    /** The challenge question formats of RFC 6287 §6.3, with their suite letters. */
    public enum QuestionFormat {
        /** {@code A}: letters and digits, hashed as their ASCII bytes. */
        ALPHANUMERIC('A'),
        /** {@code N}: a decimal number, hashed as its value in hexadecimal. */
        NUMERIC('N'),
        /** {@code H}: hexadecimal digits, hashed as the nibbles they spell. */
        HEXADECIMAL('H');

        private final char letter;

        QuestionFormat(char letter) {
            this.letter = letter;
        }

        /** The letter F in {@code QFxx}. */
        public char letter() {
            return letter;
        }
    }

    /** Checks every component; the message names the bad value and the accepted range. */
    public OcraSuite {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(questionFormat, "questionFormat");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(sessionLength, "sessionLength");
        Objects.requireNonNull(timeStep, "timeStep");
        if (digits != 0 && (digits < 4 || digits > 10)) {
            throw new IllegalArgumentException("digits must be 0 or 4..10, was " + digits);
        }
        if (questionLength < 4 || questionLength > 64) {
            throw new IllegalArgumentException("question length must be 4..64, was " + questionLength);
        }
        if (sessionLength.isPresent() && (sessionLength.getAsInt() < 1 || sessionLength.getAsInt() > 999)) {
            throw new IllegalArgumentException(
                    "session length must be 1..999 bytes, was " + sessionLength.getAsInt());
        }
        timeStep.ifPresent(OcraSuite::timeStepCode);
    }

    /**
     * Parses a suite such as {@code OCRA-1:HOTP-SHA1-6:QN08} or
     * {@code OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1-S064-T1M}.
     *
     * @throws IllegalArgumentException naming the suite and the part that is wrong
     */
    public static OcraSuite parse(String suite) {
        return OcraSuiteParser.parse(Objects.requireNonNull(suite, "suite"));
    }

    /** Length in bytes of the password hash {@code P} in the DataInput, 0 if the suite has none. */
    public int passwordHashBytes() {
        return passwordHash.map(HashAlgorithm::outputBytes).orElse(0);
    }

    /** The canonical suite string, the one hashed into every response. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("OCRA-1:HOTP-").append(algorithm.oathName())
                .append('-').append(digits).append(':');
        if (counter) {
            s.append("C-");
        }
        s.append('Q').append(questionFormat.letter());
        if (questionLength < 10) {
            s.append('0');
        }
        s.append(questionLength);
        passwordHash.ifPresent(h -> s.append("-P").append(h.oathName()));
        sessionLength.ifPresent(n -> s.append("-S").append(n < 100 ? "0" : "").append(n < 10 ? "0" : "")
                .append(n));
        timeStep.ifPresent(t -> s.append("-T").append(timeStepCode(t)));
        return s.toString();
    }

    /** The G of {@code TG}, e.g. {@code 30S}, {@code 1M}, {@code 24H}; rejects other sizes. */
    private static String timeStepCode(Duration step) {
        long seconds = step.getSeconds();
        if (step.getNano() == 0) {
            if (seconds >= 1 && seconds <= 59) {
                return seconds + "S";
            }
            if (seconds % 60 == 0 && seconds / 60 >= 1 && seconds / 60 <= 59) {
                return seconds / 60 + "M";
            }
            if (seconds % 3600 == 0 && seconds / 3600 >= 1 && seconds / 3600 <= 48) {
                return seconds / 3600 + "H";
            }
        }
        throw new IllegalArgumentException("time step must be 1-59 seconds, 1-59 minutes or 1-48 hours, was "
                + step);
    }
}
