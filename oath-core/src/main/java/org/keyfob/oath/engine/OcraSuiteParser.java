package org.keyfob.oath.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyfob.oath.token.HashAlgorithm;

/** Reads the grammar of RFC 6287 §6 into an {@link OcraSuite}; every error names its part. */
final class OcraSuiteParser {
    private static final Pattern CRYPTO_FUNCTION = Pattern.compile("HOTP-(SHA1|SHA256|SHA512)-(\\d+)");
    private static final Pattern DIGITS = Pattern.compile("0|[4-9]|10");
    private static final Pattern QUESTION = Pattern.compile("Q([ANH])(\\d\\d)");
    private static final Pattern PASSWORD = Pattern.compile("P(SHA1|SHA256|SHA512)");
    private static final Pattern SESSION = Pattern.compile("S(\\d{3})");
    private static final Pattern TIME_STEP = Pattern.compile("T([1-9]\\d?)([SMH])");
    private static final String ORDER = "C, QFxx, PH, Snnn, TG";

    private OcraSuiteParser() {
    }

    static OcraSuite parse(String suite) {
        String[] parts = suite.split(":", -1);
        if (parts.length != 3) {
            throw bad(suite, "expected Algorithm:CryptoFunction:DataInput, e.g. OCRA-1:HOTP-SHA1-6:QN08");
        }
        if (!parts[0].equals("OCRA-1")) {
            throw bad(suite, "algorithm \"" + parts[0] + "\" is not OCRA-1");
        }
        Matcher crypto = CRYPTO_FUNCTION.matcher(parts[1]);
        if (!crypto.matches()) {
            throw bad(suite, "crypto function \"" + parts[1] + "\" is not HOTP-SHA1/SHA256/SHA512-<digits>");
        }
        if (!DIGITS.matcher(crypto.group(2)).matches()) {
            throw bad(suite, "crypto function \"" + parts[1] + "\": digits \"" + crypto.group(2)
                    + "\" is not 0 (no truncation) or 4..10");
        }
        OcraSuite parsed = dataInput(suite, parts[2], HashAlgorithm.parse(crypto.group(1)),
                Integer.parseInt(crypto.group(2)));
        if (!parsed.toString().equals(suite)) {
            throw new AssertionError("the parser accepted a non-canonical suite: " + suite);
        }
        return parsed;
    }

    private static OcraSuite dataInput(String suite, String dataInput, HashAlgorithm algorithm, int digits) {
        boolean counter = false;
        OcraSuite.QuestionFormat format = null;
        int questionLength = 0;
        Optional<HashAlgorithm> password = Optional.empty();
        OptionalInt session = OptionalInt.empty();
        Optional<Duration> timeStep = Optional.empty();
        int lastRank = -1;
        for (String element : dataInput.split("-", -1)) {
            int rank = rank(element);
            if (rank < 0) {
                throw bad(suite, "data input element \"" + element + "\" is not one of " + ORDER);
            }
            if (rank <= lastRank) {
                throw bad(suite, "data input \"" + dataInput + "\": \"" + element
                        + "\" is repeated or out of order; the order is " + ORDER);
            }
            lastRank = rank;
            switch (rank) {
                case 0 -> counter = true;
                case 1 -> {
                    Matcher q = matchOrThrow(QUESTION, element, suite,
                            "question \"%s\" is not Q, then A, N or H, then a length 04..64, e.g. QN08");
                    questionLength = Integer.parseInt(q.group(2));
                    if (questionLength < 4 || questionLength > 64) {
                        throw bad(suite, "question \"" + element + "\": length " + q.group(2)
                                + " is not 04..64");
                    }
                    format = format(q.group(1).charAt(0));
                }
                case 2 -> password = Optional.of(HashAlgorithm.parse(matchOrThrow(PASSWORD, element, suite,
                        "password hash \"%s\" is not PSHA1, PSHA256 or PSHA512").group(1)));
                case 3 -> {
                    Matcher s = matchOrThrow(SESSION, element, suite,
                            "session information \"%s\" is not S and a three-digit length, e.g. S064");
                    int length = Integer.parseInt(s.group(1));
                    if (length == 0) {
                        throw bad(suite, "session information \"" + element + "\": length must be 001..999");
                    }
                    session = OptionalInt.of(length);
                }
                default -> timeStep = Optional.of(timeStep(suite, element));
            }
        }
        if (format == null) {
            throw bad(suite, "data input \"" + dataInput + "\" has no challenge question QFxx, e.g. QN08");
        }
        return new OcraSuite(algorithm, digits, counter, format, questionLength, password, session, timeStep);
    }

    /** Position of an element in the order C, Q, P, S, T; -1 if it is none of them. */
    private static int rank(String element) {
        if (element.equals("C")) {
            return 0;
        }
        int position = element.isEmpty() ? -1 : "QPST".indexOf(element.charAt(0));
        return position < 0 ? -1 : position + 1;
    }

    private static Duration timeStep(String suite, String element) {
        Matcher t = matchOrThrow(TIME_STEP, element, suite,
                "time step \"%s\" is not T, then 1-59S, 1-59M or 1-48H, e.g. T1M");
        int size = Integer.parseInt(t.group(1));
        char unit = t.group(2).charAt(0);
        if (size > (unit == 'H' ? 48 : 59)) {
            throw bad(suite, "time step \"" + element + "\": " + size + unit + " is over the maximum "
                    + (unit == 'H' ? "48H" : "59" + unit));
        }
        return switch (unit) {
            case 'S' -> Duration.ofSeconds(size);
            case 'M' -> Duration.ofMinutes(size);
            default -> Duration.ofHours(size);
        };
    }

    private static OcraSuite.QuestionFormat format(char letter) {
        for (OcraSuite.QuestionFormat f : OcraSuite.QuestionFormat.values()) {
            if (f.letter() == letter) {
                return f;
            }
        }
        throw new AssertionError("the question pattern admits only A, N and H, got " + letter);
    }

    private static Matcher matchOrThrow(Pattern pattern, String element, String suite, String problem) {
        Matcher m = pattern.matcher(element);
        if (!m.matches()) {
            throw bad(suite, String.format(problem, element));
        }
        return m;
    }

    private static IllegalArgumentException bad(String suite, String problem) {
        return new IllegalArgumentException("OCRA suite \"" + suite + "\": " + problem);
    }
}
