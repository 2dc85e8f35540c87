package org.keyfob.server.radius.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded RADIUS packet (RFC 2865 §3): code, identifier, the 16-byte authenticator and the
 * attributes in wire order, plus the raw bytes it came from (Message-Authenticator is checked over
 * them). Made only by {@link PacketDecoder}, which refuses anything malformed.
 */
public final class RadiusPacket {
    public static final int ACCESS_REQUEST = 1;
    public static final int ACCESS_ACCEPT = 2;
    public static final int ACCESS_REJECT = 3;
    public static final int STATUS_SERVER = 12;
    public static final int ACCESS_CHALLENGE = 11;
    public static final int HEADER = 20;
    public static final int MAX_LENGTH = 4096;

    private final int code;
    private final int identifier;
    private final byte[] authenticator;
    private final List<Attribute> attributes;
    private final byte[] raw;

    RadiusPacket(int code, int identifier, byte[] authenticator, List<Attribute> attributes, byte[] raw) {
        this.code = code;
        this.identifier = identifier;
        this.authenticator = authenticator.clone();
        this.attributes = List.copyOf(attributes);
        this.raw = raw.clone();
    }

    public int code() {
        return code;
    }

    public int identifier() {
        return identifier;
    }

    public byte[] authenticator() {
        return authenticator.clone();
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    /** The first attribute of {@code type}. */
    public Optional<Attribute> attribute(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Every attribute of {@code type}, in wire order. */
    public List<Attribute> all(int type) {
        List<Attribute> out = List.of();
        for (Attribute a : attributes) {
            if (a.type() == type) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(a);
            }
        }
        return out;
    }

    /** The bytes the attributes of {@code type} take on the wire, headers included. */
    public int wireLength(int type) {
        int bytes = 0;
        for (Attribute a : attributes) {
            if (a.type() == type) {
                bytes += a.length() + 2;
            }
        }
        return bytes;
    }

    byte[] raw() {
        return raw.clone();
    }

    @Override
    public String toString() {
        return "RadiusPacket[code " + code + ", id " + identifier + ", " + attributes.size() + " attributes]";
    }
}
