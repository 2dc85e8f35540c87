package org.keyfob.server.radius;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.keyfob.oath.store.StoreException;
import org.keyfob.server.radius.codec.MalformedPacketException;
import org.keyfob.server.radius.codec.PacketDecoder;
import org.keyfob.server.radius.codec.RadiusPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop half of answering: who sent it, is it well formed, is it a retransmission. All
 * of that is in memory; the work that reads the store or computes codes is handed to the
 * {@link RequestProcessor} on a bounded executor, and when that is full the request is dropped and
 * counted (the NAS retries) rather than queued without limit.
 *
 * <p>Nothing here closes the channel: a bad datagram is counted and dropped, and an exception is
 * logged once and counted, so one NAS can never stop the listener for the others.
 */
@Sharable
public final class AccessHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(AccessHandler.class);

    private final NasRegistry registry;
    private final DuplicateCache duplicates;
    private final RequestProcessor processor;
    private final Executor workers;
    private final RadiusCounters counters;
    private final RateLimitedLog warnings = new RateLimitedLog(log, 60_000_000_000L);

    public AccessHandler(NasRegistry registry, RequestProcessor processor, Executor workers, RadiusCounters counters) {
        this.registry = registry;
        this.processor = processor;
        this.workers = workers;
        this.counters = counters;
        this.duplicates = new DuplicateCache(java.time.Duration.ofSeconds(30), 100_000);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        long received = System.nanoTime();
        InetSocketAddress sender = datagram.sender();
        Optional<Nas> nas = registry.find(sender.getAddress());
        if (nas.isEmpty()) {
            counters.droppedUnknownClient.increment();
            warnings.warn("unknown-client", "dropped a datagram from {}: no RADIUS client is configured for"
                    + " that address (add one with keyfob client add, or to radius.clients)", sender);
            return;
        }
        RadiusPacket packet;
        try {
            packet = PacketDecoder.decode(ByteBufUtil.getBytes(datagram.content()));
        } catch (MalformedPacketException e) {
            counters.droppedMalformed.increment();
            warnings.warn("malformed", "dropped a malformed datagram from {} ({}): {}", sender, nas.get().name(),
                    e.getMessage());
            return;
        }
        if (packet.code() != RadiusPacket.ACCESS_REQUEST && packet.code() != RadiusPacket.STATUS_SERVER) {
            counters.droppedUnsupported.increment();
            warnings.warn("unsupported", "dropped a packet with code {} from {} ({}): only Access-Request and"
                    + " Status-Server are answered on this port", packet.code(), sender, nas.get().name());
            return;
        }
        counters.requests.increment();
        DuplicateCache.Key key = DuplicateCache.Key.of(sender, packet.identifier(), packet.authenticator());
        DuplicateCache.Seen seen = duplicates.see(key, System.nanoTime());
        if (seen instanceof DuplicateCache.Seen.Answered answered) {
            counters.duplicates.increment();
            ctx.writeAndFlush(new DatagramPacket(ctx.alloc().buffer().writeBytes(answered.response()), sender));
            return;
        }
        if (seen instanceof DuplicateCache.Seen.Pending) {
            counters.duplicates.increment();
            return;
        }
        try {
            workers.execute(() -> answer(ctx, nas.get(), packet, sender, key, received));
        } catch (RejectedExecutionException e) {
            duplicates.forget(key);
            counters.droppedOverload.increment();
            warnings.warn("overload", "dropped a request from {} ({}): all workers busy and the queue full;"
                    + " the NAS will retry", sender, nas.get().name());
        }
    }

    private void answer(ChannelHandlerContext ctx, Nas nas, RadiusPacket packet, InetSocketAddress sender,
            DuplicateCache.Key key, long received) {
        Optional<byte[]> response = Optional.empty();
        try {
            response = processor.process(nas, packet);
        } catch (RuntimeException e) {
            counters.errors.increment();
            if (e instanceof StoreException) {
                counters.storeErrors.increment();
            }
            log.error("error answering request {} from {} ({}); no answer sent: {}", packet.identifier(), sender,
                    nas.name(), e.toString());
            log.debug("stack trace of the error above", e);
        }
        if (response.isEmpty()) {
            duplicates.forget(key);
            return;
        }
        duplicates.complete(key, response.get(), System.nanoTime());
        ctx.writeAndFlush(new DatagramPacket(ctx.alloc().buffer().writeBytes(response.get()), sender));
        counters.latency.record(System.nanoTime() - received);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.errors.increment();
        log.warn("error on {} (the listener keeps running): {}", ctx.channel().localAddress(), cause.toString());
        log.debug("stack trace of the error above", cause);
    }
}
