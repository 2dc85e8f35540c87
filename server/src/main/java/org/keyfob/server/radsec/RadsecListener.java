package org.keyfob.server.radsec;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keyfob.config.RadsecConfig;
import org.keyfob.oath.auth.PasswordMode;
import org.slf4j.LoggerFactory;
import org.keyfob.server.radius.RadiusListener;
import org.keyfob.server.radius.RateLimitedLog;
import org.keyfob.server.radius.RequestIntake;

/**
 * The RadSec TCP sockets: one server channel per {@code radsec.listen} address, each accepted
 * connection getting TLS (mutual), the Length-field framer and a {@link RadsecConnection}.
 * {@link #start} loads the PEM files and binds, all or nothing; {@link #close()} closes every
 * connection and releases the ports. The event loop threads are not daemons. Thread-safe.
 */
public final class RadsecListener implements AutoCloseable {
    private static final long QUIET_PERIOD_MILLIS = 100;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3_000;

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final RadsecCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RadsecListener(EventLoopGroup group, List<Channel> channels, RadsecCounters counters) {
        this.group = group;
        this.channels = List.copyOf(channels);
        this.counters = counters;
    }

    /**
     * @param defaultMode the password mode of clients that set none ({@code radius.password-mode})
     * @param intake where packets go; the {@link org.keyfob.server.radius.RadiusService}'s
     * @throws IOException naming the PEM file that cannot be used or the address that cannot be bound
     */
    public static RadsecListener start(RadsecConfig config, PasswordMode defaultMode, RequestIntake intake)
            throws IOException {
        ClientCertificates clients = new ClientCertificates(config.clients(), defaultMode);
        SslContext tls = RadsecTls.serverContext(config, clients);
        RadsecCounters counters = new RadsecCounters();
        RateLimitedLog warnings = new RateLimitedLog(LoggerFactory.getLogger(RadsecConnection.class), 60_000_000_000L);
        EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("keyfob-radsec", false));
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new RadiusFrameDecoder(),
                                new RadsecConnection(clients, intake, counters, warnings));
                    }
                });
        List<Channel> channels = new ArrayList<>();
        for (InetSocketAddress address : config.socketAddresses()) {
            ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
            if (!future.isSuccess()) {
                shutDown(group, channels);
                throw new IOException("cannot listen on TCP " + RadiusListener.format(address) + " for RadSec: "
                        + future.cause().getMessage() + "; is another RadSec server (radsecproxy?) running there?"
                        + " Stop it or change radsec.port or radsec.listen in keyfob.yaml", future.cause());
            }
            channels.add(future.channel());
        }
        return new RadsecListener(group, channels, counters);
    }

    /** The addresses actually bound, in configuration order; with port 0, the ports chosen. */
    public List<InetSocketAddress> boundAddresses() {
        return channels.stream().map(channel -> (InetSocketAddress) channel.localAddress()).toList();
    }

    public RadsecCounters counters() {
        return counters;
    }

    /** Closes the listening sockets and every open connection; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutDown(group, channels);
        }
    }

    private static void shutDown(EventLoopGroup group, List<Channel> channels) {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
    }
}
