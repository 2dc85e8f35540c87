package org.keyfob.oath.token;

/**
 * A token's serial number as printed on the device or given by the vendor: 1 to 128 printable
 * characters without spaces. Compared exactly (vendors mix case in meaningful ways).
 */
public record Serial(String value) {
    public static final int MAX_LENGTH = 128;

    public Serial {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("serial must be 1 to " + MAX_LENGTH
                    + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("serial \"" + value.strip()
                        + "\" has a space or control character at position " + (i + 1));
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
