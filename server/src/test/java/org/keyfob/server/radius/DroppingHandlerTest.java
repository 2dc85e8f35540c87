package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DroppingHandlerTest {

    private static final InetSocketAddress NAS = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 1812);

    @Test
    void countsAndReleasesEveryDatagramWithoutAnswering() {
        DroppingHandler handler = new DroppingHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        ByteBuf content = Unpooled.wrappedBuffer(new byte[] {1, 7, 0, 20});

        channel.writeInbound(new DatagramPacket(content, SERVER, NAS));

        assertThat(handler.dropped()).isEqualTo(1);
        assertThat(content.refCnt()).describedAs("the datagram's buffer is released").isZero();
        assertThat(channel.finish()).describedAs("nothing passed on, nothing written").isFalse();
    }

    @Test
    void exceptionIsCountedAndTheChannelStaysOpen() {
        DroppingHandler handler = new DroppingHandler();
        EmbeddedChannel channel = new EmbeddedChannel(handler);

        channel.pipeline().fireExceptionCaught(new IllegalStateException("broken datagram"));

        assertThat(channel.isOpen()).isTrue();
        assertThat(handler.failures()).isEqualTo(1);
        channel.checkException();
        assertThat(channel.finish()).isFalse();
    }
}
