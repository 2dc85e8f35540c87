package org.keyfob.oath.auth;

import java.util.Optional;
import org.keyfob.oath.token.Serial;

/**
 * What an OCRA challenge leaves in {@code PendingChallenge.data}: the token asked and the question
 * it was asked, as {@code ocra <question> <serial>} (neither may contain a space). Never the PIN.
 */
record OcraPending(Serial serial, String question) {
    private static final String PREFIX = "ocra ";

    OcraPending {
        if (question.isEmpty() || question.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("an OCRA question is 1 or more characters without spaces");
        }
    }

    String data() {
        return PREFIX + question + " " + serial.value();
    }

    /** The OCRA challenge in {@code data}, or empty for the plain "enter your code" challenge. */
    static Optional<OcraPending> parse(String data) {
        if (!data.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = data.substring(PREFIX.length()).split(" ", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("pending OCRA challenge data is not \"ocra <question> <serial>\"");
        }
        return Optional.of(new OcraPending(new Serial(parts[1]), parts[0]));
    }
}
