package org.keyfob.server.radsec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;
import org.keyfob.server.radius.codec.RadiusPacket;

/**
 * Cuts a TLS byte stream into RADIUS packets by the Length field in octets 2..3 (RFC 2865 §3; TCP
 * has no datagram boundaries): a frame is exactly Length octets, header included. A Length outside
 * 20..4096 means the stream can no longer be trusted to line up, so it is a
 * {@link CorruptedFrameException} and the connection is closed; nothing is buffered beyond 4096.
 */
final class RadiusFrameDecoder extends LengthFieldBasedFrameDecoder {

    RadiusFrameDecoder() {
        // Length at offset 2, two octets, counts the whole packet: adjust by -4 for the octets
        // before and including the field. failFast: refuse as soon as the field is read.
        super(RadiusPacket.MAX_LENGTH, 2, 2, -4, 0, true);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buffer, int offset, int length, ByteOrder order) {
        long frameLength = super.getUnadjustedFrameLength(buffer, offset, length, order);
        if (frameLength < RadiusPacket.HEADER || frameLength > RadiusPacket.MAX_LENGTH) {
            // Nothing after a bad Length can be read as RADIUS: drop what is buffered, so closing
            // the connection does not decode it again.
            buffer.skipBytes(buffer.readableBytes());
            throw new CorruptedFrameException("RADIUS Length field " + frameLength + " is outside 20..4096");
        }
        return frameLength;
    }
}
