package org.keyfob.oath.store;

/**
 * One RADIUS attribute to send to a user's NAS in the Access-Accept, as an administrator wrote it:
 * a dictionary name such as {@code Filter-Id} and the value's text form ({@code vpn-staff},
 * {@code 3600}, {@code 10.0.0.5}). The store keeps the text; the RADIUS dictionary (outside
 * oath-core) decides whether the name exists and the value fits its type.
 *
 * @param name  the attribute's dictionary name, 1 to 64 printable characters without spaces or '='
 * @param value the value as text, at most 253 characters, without control characters
 */
public record ReplyAttribute(String name, String value) {
    public static final int MAX_NAME = 64;
    public static final int MAX_VALUE = 253;

    public ReplyAttribute {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("reply attribute name must be 1 to " + MAX_NAME
                    + " characters, was " + name.length());
        }
        if (name.chars().anyMatch(c -> c <= ' ' || c == '=' || c == 0x7f)) {
            throw new IllegalArgumentException("reply attribute name \"" + name.strip()
                    + "\" has a space, '=' or control character");
        }
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("reply attribute " + name + ": value must be at most " + MAX_VALUE
                    + " characters, was " + value.length());
        }
        if (value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("reply attribute " + name + ": value has a control character");
        }
    }

    /** {@code Name=value}, the form {@code keyfob user set-reply} takes and shows. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
