package org.keyfob.server.radius.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a datagram into a {@link RadiusPacket}, strictly: the Length field must lie between 20
 * and 4096 and within the datagram (octets past it are padding and ignored, RFC 2865 §3), and
 * the attributes must tile the rest exactly. Anything else is a {@link MalformedPacketException}
 * naming what was wrong, never a crash.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    public static RadiusPacket decode(byte[] datagram) throws MalformedPacketException {
        if (datagram.length < RadiusPacket.HEADER) {
            throw new MalformedPacketException("datagram of " + datagram.length + " bytes is shorter than the"
                    + " 20-byte RADIUS header");
        }
        int length = (datagram[2] & 0xff) << 8 | (datagram[3] & 0xff);
        if (length < RadiusPacket.HEADER || length > RadiusPacket.MAX_LENGTH) {
            throw new MalformedPacketException("Length field " + length + " is outside 20..4096");
        }
        if (length > datagram.length) {
            throw new MalformedPacketException("Length field " + length + " exceeds the datagram's "
                    + datagram.length + " bytes");
        }
        List<Attribute> attributes = new ArrayList<>();
        int at = RadiusPacket.HEADER;
        while (at < length) {
            if (at + 2 > length) {
                throw new MalformedPacketException("attribute header at offset " + at + " runs past the packet");
            }
            int type = datagram[at] & 0xff;
            int attributeLength = datagram[at + 1] & 0xff;
            if (type == 0 || attributeLength < 2 || at + attributeLength > length) {
                throw new MalformedPacketException("attribute at offset " + at + " (type " + type + ", length "
                        + attributeLength + ") does not fit the packet");
            }
            attributes.add(new Attribute(type, Arrays.copyOfRange(datagram, at + 2, at + attributeLength)));
            at += attributeLength;
        }
        byte[] raw = Arrays.copyOf(datagram, length);
        return new RadiusPacket(datagram[0] & 0xff, datagram[1] & 0xff, Arrays.copyOfRange(datagram, 4, 20),
                attributes, raw);
    }
}
