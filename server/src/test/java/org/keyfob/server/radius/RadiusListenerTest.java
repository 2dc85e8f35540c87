package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyfob.config.RadiusConfig;
import org.keyfob.server.radius.codec.RadiusPacket;

class RadiusListenerTest {
    private final DroppingHandler handler = new DroppingHandler();


    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void countsADatagramSentToTheBoundPort() throws Exception {
        try (RadiusListener listener = RadiusListener.bind(new RadiusConfig(List.of(LOOPBACK), 0), handler);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress bound = listener.boundAddresses().get(0);
            assertThat(bound.getPort()).isPositive();

            byte[] request = {1, 42, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            nas.send(new DatagramPacket(request, request.length, bound));

            awaitTrue(() -> handler.dropped() == 1, "the datagram to be counted");
        }
    }

    @ParameterizedTest(name = "epoll: {0}")
    @ValueSource(booleans = {true, false})
    void aBurstOfDatagramsUpTo4096BytesArrivesWholeAndAnswersFromOtherThreadsLeave(boolean epoll)
            throws Exception {
        assumeTrue(!epoll || Epoll.isAvailable(), "epoll runs on Linux only; NIO is tested there and here");
        ExecutorService answering = Executors.newFixedThreadPool(3);
        Set<Integer> lengths = ConcurrentHashMap.newKeySet();
        ChannelHandler echo = new SharableEcho(lengths, answering);
        int burst = 200;
        try (RadiusListener listener = RadiusListener.bind(new RadiusConfig(List.of(LOOPBACK), 0), echo, epoll);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            nas.setSoTimeout(10_000);
            InetSocketAddress bound = listener.boundAddresses().get(0);
            for (int i = 0; i < burst; i++) {
                byte[] datagram = new byte[i == 0 ? RadiusPacket.MAX_LENGTH : 20 + i];
                datagram[0] = (byte) i;
                datagram[datagram.length - 1] = (byte) 0x5a;
                nas.send(new DatagramPacket(datagram, datagram.length, bound));
            }
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < burst; i++) {
                DatagramPacket answer = new DatagramPacket(new byte[16], 16);
                nas.receive(answer);
                answered.add(answer.getData()[0] & 0xff);
            }

            assertThat(answered).describedAs("answers, one per datagram").hasSize(burst);
            assertThat(lengths).describedAs("lengths received, each with its last byte intact")
                    .hasSize(burst).contains(RadiusPacket.MAX_LENGTH, 21, 20 + burst - 1);
        } finally {
            answering.shutdownNow();
        }
    }

    /** Records each datagram's length (if its last byte is intact) and answers its first byte from another thread. */
    @ChannelHandler.Sharable
    private static final class SharableEcho extends SimpleChannelInboundHandler<io.netty.channel.socket.DatagramPacket> {
        private final Set<Integer> lengths;
        private final ExecutorService answering;

        SharableEcho(Set<Integer> lengths, ExecutorService answering) {
            this.lengths = lengths;
            this.answering = answering;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, io.netty.channel.socket.DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.getByte(content.readableBytes() - 1) == 0x5a) {
                lengths.add(content.readableBytes());
            }
            byte first = content.getByte(0);
            InetSocketAddress sender = packet.sender();
            answering.execute(() -> ctx.writeAndFlush(
                    new io.netty.channel.socket.DatagramPacket(Unpooled.wrappedBuffer(new byte[] {first}), sender)));
        }
    }

    @Test
    void closeReleasesThePortAndIsIdempotent() throws Exception {
        RadiusListener listener = RadiusListener.bind(new RadiusConfig(List.of(LOOPBACK), 0), handler);
        InetSocketAddress bound = listener.boundAddresses().get(0);

        listener.close();
        listener.close();

        try (DatagramSocket rebound = new DatagramSocket(bound)) {
            assertThat(rebound.getLocalPort()).isEqualTo(bound.getPort());
        }
    }

    @Test
    void portInUseIsRefusedNamingTheAddress() throws Exception {
        try (DatagramSocket occupier = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            RadiusConfig config = new RadiusConfig(List.of(LOOPBACK), occupier.getLocalPort());

            assertThatThrownBy(() -> RadiusListener.bind(config, handler))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on UDP 127.0.0.1:" + occupier.getLocalPort() + ": ")
                    .hasMessageContaining("radius.port");
        }
    }

    @Test
    void formatsIpv6WithBrackets() throws Exception {
        assertThat(RadiusListener.format(new InetSocketAddress(InetAddress.getByName("::1"), 1812)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:1812");
        assertThat(RadiusListener.format(new InetSocketAddress(LOOPBACK, 1812))).isEqualTo("127.0.0.1:1812");
    }

    /** Polls {@code condition} until it holds, failing after a generous bound; no fixed sleep. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).describedAs("waited 10 s for " + what).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
