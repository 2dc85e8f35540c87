package org.keyfob.server.radius;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts every datagram and drops it: lets the listener tests see that a real socket received one. */
@Sharable
final class DroppingHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(DroppingHandler.class);

    private final LongAdder dropped = new LongAdder();
    private final LongAdder failures = new LongAdder();

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        dropped.increment();
        log.debug("test handler dropped {} bytes from {}",
                packet.content().readableBytes(), packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // Not passed on: Netty's tail handler would only log it again, and closing the channel
        // would stop the listener for every NAS.
        failures.increment();
        log.warn("error on {} (the listener keeps running): {}", context.channel().localAddress(), cause.toString());
        log.debug("stack trace of the error above", cause);
    }

    /** Datagrams received and dropped since start. */
    long dropped() {
        return dropped.sum();
    }

    /** Exceptions caught since start. */
    long failures() {
        return failures.sum();
    }
}
