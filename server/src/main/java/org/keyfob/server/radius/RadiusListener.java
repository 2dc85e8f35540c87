package org.keyfob.server.radius;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keyfob.config.RadiusConfig;
import org.keyfob.server.radius.codec.RadiusPacket;

/**
 * The UDP sockets keyfobd answers RADIUS authentication on: one Netty channel per configured
 * address, all served by one event loop.
 *
 * <p>This class only owns the sockets' lifecycle; {@code handler} (a sharable
 * {@link AccessHandler} in keyfobd) answers the datagrams. {@link #bind} returns a listener that is already receiving;
 * {@link #close()} releases the ports and stops the event loop's threads. Those threads are not
 * daemons: while a listener is open, the JVM keeps running. Thread-safe.
 */
public final class RadiusListener implements AutoCloseable {

    private static final long QUIET_PERIOD_MILLIS = 100;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3_000;

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RadiusListener(EventLoopGroup group, List<Channel> channels) {
        this.group = group;
        this.channels = List.copyOf(channels);
    }

    static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** Datagrams one recvmmsg reads at most (epoll). */
    private static final int READ_BATCH = 16;
    /** Flushes from other threads held back at most, before the loop flushes anyway. */
    private static final int FLUSH_BATCH = 64;

    /**
     * Binds every address in {@code config}. All or nothing: if one bind fails, the channels
     * already bound are closed before the exception is thrown.
     *
     * @throws IOException naming the address that could not be bound and the likely fix
     */
    public static RadiusListener bind(RadiusConfig config, ChannelHandler handler) throws IOException {
        return bind(config, handler, Epoll.isAvailable());
    }

    /** As above, on Linux's epoll transport or on NIO (where epoll is not available, and in tests). */
    static RadiusListener bind(RadiusConfig config, ChannelHandler handler, boolean epoll) throws IOException {
        DefaultThreadFactory threads = new DefaultThreadFactory("keyfob-radius", false);
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        // The kernel's default receive buffer (208 KB on Linux) holds only a few hundred small
        // datagrams, so a burst of NAS requests during a pause (a garbage collection, a store
        // checkpoint) is dropped and each dropped login waits a NAS retry (seconds). The kernel
        // caps this at net.core.rmem_max.
        Bootstrap bootstrap = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Answers are written from other threads (workers, the journal's writer),
                        // each with its own flush: flushed together once the loop gets to them,
                        // so epoll sends them with one sendmmsg.
                        ch.pipeline().addLast(new FlushConsolidationHandler(FLUSH_BATCH, true), handler);
                    }
                });
        // Netty reads datagrams into 2048-byte buffers by default and silently cuts longer ones;
        // RFC 2865 §3 allows packets of up to 4096 octets. With epoll, one recvmmsg reads up to
        // READ_BATCH datagrams into slices of one buffer.
        if (epoll) {
            bootstrap.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RadiusPacket.MAX_LENGTH)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(RadiusPacket.MAX_LENGTH * READ_BATCH));
        } else {
            bootstrap.channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RadiusPacket.MAX_LENGTH));
        }
        List<Channel> channels = new ArrayList<>();
        for (InetSocketAddress address : config.socketAddresses()) {
            ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
            if (!future.isSuccess()) {
                shutDown(group, channels);
                throw new IOException("cannot listen on UDP " + format(address) + ": " + future.cause().getMessage()
                        + "; is another RADIUS server running there? Stop it or change radius.port or"
                        + " radius.listen in keyfob.yaml", future.cause());
            }
            channels.add(future.channel());
        }
        return new RadiusListener(group, channels);
    }

    /** The addresses actually bound, in configuration order; with port 0, the ports chosen. */
    public List<InetSocketAddress> boundAddresses() {
        return channels.stream().map(channel -> (InetSocketAddress) channel.localAddress()).toList();
    }

    /**
     * Closes every channel and shuts the event loop down with a short quiet period, waiting until
     * the ports are released. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutDown(group, channels);
    }

    private static void shutDown(EventLoopGroup group, List<Channel> channels) {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
    }

    /** {@code 127.0.0.1:1812} or {@code [::1]:1812}, for log lines and messages. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
