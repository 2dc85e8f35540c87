package org.keyfob.oath.provision.pskc;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.keyfob.oath.token.Seed;

/**
 * Turns {@link DataValue}s into Java values: the secret into a {@link Seed}, integers from decimal
 * text (PlainValue) or from big-endian bytes (decrypted EncryptedValue), dates from xs:dateTime.
 * Messages name the element and the bad value, except for secrets, whose value is never shown.
 */
final class ValueReader {
    private final ValueDecryptor decryptor;

    ValueReader(ValueDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    Seed secret(DataValue value) throws PskcError {
        byte[] bytes = null;
        try {
            if (value.plain().isPresent()) {
                try {
                    bytes = Base64.getMimeDecoder().decode(value.plain().get());
                } catch (IllegalArgumentException e) {
                    throw new PskcError(value.element() + "/PlainValue", "is not base64");
                }
            } else {
                bytes = decryptor.decrypt(value);
            }
            if (bytes.length == 0) {
                throw new PskcError(value.element(), "is empty");
            }
            return Seed.of(bytes);
        } finally {
            Ciphers.wipe(bytes);
        }
    }

    /** An integer from {@code min} to {@code max}; encrypted integers are big-endian two's complement. */
    long integer(DataValue value, long min, long max) throws PskcError {
        long result;
        String shown;
        if (value.plain().isPresent()) {
            shown = value.plain().get();
            try {
                result = Long.parseLong(shown.startsWith("+") ? shown.substring(1) : shown);
            } catch (NumberFormatException e) {
                throw new PskcError(value.element() + "/PlainValue", "\"" + shown + "\" is not an integer");
            }
        } else {
            byte[] bytes = decryptor.decrypt(value);
            if (bytes.length == 0 || bytes.length > 8) {
                throw new PskcError(value.element(), "decrypts to " + bytes.length + " bytes, not a 1 to 8 byte integer");
            }
            result = new BigInteger(bytes).longValue();
            shown = Long.toString(result);
        }
        if (result < min || result > max) {
            throw new PskcError(value.element(), shown + " is outside " + min + ".." + max);
        }
        return result;
    }

    /** An xs:dateTime with a time zone; without one the instant is ambiguous and refused. */
    static Instant dateTime(String text, String element) throws PskcError {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new PskcError(element, "\"" + text + "\" is not a date-time with a time zone, "
                    + "such as 2006-05-01T00:00:00Z");
        }
    }

    /** A decimal attribute such as ResponseFormat/@Length. */
    static int attributeInteger(String text, String element, int min, int max) throws PskcError {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PskcError(element, "\"" + text + "\" is not an integer from " + min + " to " + max);
    }
}
