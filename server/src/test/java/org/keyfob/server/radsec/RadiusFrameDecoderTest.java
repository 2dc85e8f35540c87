package org.keyfob.server.radsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cutting the TLS stream into RADIUS packets by their Length field, with the RFC 2865 §3 bounds. */
class RadiusFrameDecoderTest {

    private static byte[] packet(int identifier, int length) {
        byte[] p = new byte[length];
        p[0] = 1;
        p[1] = (byte) identifier;
        p[2] = (byte) (length >> 8);
        p[3] = (byte) length;
        p[length - 1] = (byte) 0xAB;
        return p;
    }

    private static byte[] read(EmbeddedChannel channel) {
        ByteBuf frame = channel.readInbound();
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void twoPacketsInOneReadAndOneSplitAcrossReadsComeOutWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new RadiusFrameDecoder());
        byte[] first = packet(1, 20);
        byte[] second = packet(2, 4096);
        byte[] third = packet(3, 38);

        channel.writeInbound(Unpooled.wrappedBuffer(first, second, Arrays.copyOf(third, 3)));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(third, 3, 38)));

        assertThat(read(channel)).isEqualTo(first);
        assertThat(read(channel)).isEqualTo(second);
        assertThat(read(channel)).isEqualTo(third);
        assertFalse(channel.finish());
    }

    @Test
    void aPartialPacketWaitsForTheRest() {
        EmbeddedChannel channel = new EmbeddedChannel(new RadiusFrameDecoder());

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(packet(1, 100), 99)));

        assertThat((Object) channel.readInbound()).isNull();
        assertFalse(channel.finish());
    }

    @ParameterizedTest(name = "Length {0}")
    @ValueSource(ints = {0, 4, 19, 4097, 65535})
    @DisplayName("RFC 2865 §3: a Length outside 20..4096 is refused as soon as it is read")
    void lengthOutsideTwentyToFourThousandNinetySixIsACorruptStream(int length) {
        EmbeddedChannel channel = new EmbeddedChannel(new RadiusFrameDecoder());
        byte[] header = {1, 7, (byte) (length >> 8), (byte) length};

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("RADIUS Length field " + length + " is outside 20..4096");
        assertFalse(channel.finish());
    }
}
