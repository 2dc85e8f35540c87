package org.keyfob.config;

import java.util.Arrays;

/**
 * One reply attribute as it goes on the wire (RFC 2865 §5): a type and its value bytes, at most
 * 253. A vendor attribute is type 26 (Vendor-Specific) whose value already holds the vendor id,
 * vendor type, vendor length and data (RFC 2865 §5.26). A class rather than a record because it
 * holds bytes; they are copied in and out.
 */
public final class WireAttribute {
    public static final int MAX_VALUE = 253;

    private final int type;
    private final byte[] value;

    public WireAttribute(int type, byte[] value) {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("attribute type must be 1..255, was " + type);
        }
        if (value.length > MAX_VALUE) {
            throw new IllegalArgumentException("attribute value must be at most " + MAX_VALUE + " bytes, was "
                    + value.length);
        }
        this.type = type;
        this.value = value.clone();
    }

    public int type() {
        return type;
    }

    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireAttribute w && w.type == type && Arrays.equals(w.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "WireAttribute[" + type + ", " + value.length + " bytes]";
    }
}
