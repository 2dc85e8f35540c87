package org.keyfob.server.radius.codec;

import java.nio.charset.StandardCharsets;

/**
 * One RADIUS attribute (RFC 2865 §5): a type and up to 253 bytes of value. The value is copied in
 * and out; {@code toString} shows the type and length only, since values can be secrets
 * (User-Password) or codes.
 */
public final class Attribute {
    public static final int USER_NAME = 1;
    public static final int USER_PASSWORD = 2;
    public static final int CHAP_PASSWORD = 3;
    public static final int NAS_IP_ADDRESS = 4;
    public static final int REPLY_MESSAGE = 18;
    public static final int STATE = 24;
    public static final int NAS_IDENTIFIER = 32;
    public static final int PROXY_STATE = 33;
    public static final int MESSAGE_AUTHENTICATOR = 80;
    public static final int MAX_VALUE = 253;

    private final int type;
    private final byte[] value;

    public Attribute(int type, byte[] value) {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("attribute type must be 1..255, was " + type);
        }
        if (value.length > MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + type + " value must be at most " + MAX_VALUE
                    + " bytes, was " + value.length);
        }
        this.type = type;
        this.value = value.clone();
    }

    public static Attribute text(int type, String text) {
        return new Attribute(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public int type() {
        return type;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as UTF-8 text, for text attributes such as User-Name. */
    public String asText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Attribute[" + type + ", " + value.length + " bytes]";
    }
}
