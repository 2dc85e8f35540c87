package org.keyfob.server.radius;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of answering: which NAS sent the datagram, by its source address; the rest (well
 * formed? retransmission? hand-off to the workers) is the {@link RequestIntake} that RadSec
 * shares, with one {@link DuplicateCache} for the whole UDP listener.
 *
 * <p>Nothing here closes the channel: a bad datagram is counted and dropped, and an exception is
 * logged once and counted, so one NAS can never stop the listener for the others.
 */
@Sharable
public final class AccessHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(AccessHandler.class);

    private final NasRegistry registry;
    private final DuplicateCache duplicates;
    private final RequestIntake intake;
    private final RadiusCounters counters;
    private final RateLimitedLog warnings = new RateLimitedLog(log, 60_000_000_000L);

    public AccessHandler(NasRegistry registry, RequestIntake intake, RadiusCounters counters) {
        this.registry = registry;
        this.intake = intake;
        this.counters = counters;
        this.duplicates = new DuplicateCache(java.time.Duration.ofSeconds(30), 100_000);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        InetSocketAddress sender = datagram.sender();
        Optional<Nas> nas = registry.find(sender.getAddress());
        if (nas.isEmpty()) {
            counters.droppedUnknownClient.increment();
            warnings.warn("unknown-client", "dropped a datagram from {}: no RADIUS client is configured for"
                    + " that address (add one with keyfob client add, or to radius.clients)", sender);
            return;
        }
        intake.receive(nas.get(), ByteBufUtil.getBytes(datagram.content()), sender, duplicates,
                response -> ctx.writeAndFlush(new DatagramPacket(ctx.alloc().buffer().writeBytes(response), sender)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.errors.increment();
        log.warn("error on {} (the listener keeps running): {}", ctx.channel().localAddress(), cause.toString());
        log.debug("stack trace of the error above", cause);
    }
}
