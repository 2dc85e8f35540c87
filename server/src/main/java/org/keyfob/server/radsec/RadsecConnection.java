package org.keyfob.server.radsec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.keyfob.server.radius.DuplicateCache;
import org.keyfob.server.radius.Nas;
import org.keyfob.server.radius.RateLimitedLog;
import org.keyfob.server.radius.RequestIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RadSec connection, after the {@link SslHandler} and the {@link RadiusFrameDecoder}: learns
 * which client it is from the verified certificate when the handshake completes, then hands each
 * packet to the shared {@link RequestIntake} and writes the answers back on the connection.
 * Retransmissions are detected per connection, where identifiers are unique. A failed handshake
 * or a broken frame closes the connection and is counted; a bad packet inside a good frame is only dropped.
 */
final class RadsecConnection extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(RadsecConnection.class);
    /** At most 256 identifiers can be in use on one connection; room for several lifetimes of them. */
    private static final int DUPLICATE_ENTRIES = 1_024;

    private final ClientCertificates clients;
    private final RequestIntake intake;
    private final RadsecCounters counters;
    private final RateLimitedLog warnings;
    private final DuplicateCache duplicates = new DuplicateCache(Duration.ofSeconds(30), DUPLICATE_ENTRIES);
    private Nas nas;

    /** @param warnings shared by every connection of the listener, so a flood of them logs little */
    RadsecConnection(ClientCertificates clients, RequestIntake intake, RadsecCounters counters,
            RateLimitedLog warnings) {
        this.clients = clients;
        this.warnings = warnings;
        this.intake = intake;
        this.counters = counters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                Optional<Nas> client = client(ctx);
                if (client.isEmpty()) {
                    // ClientCertificateTrust refuses such peers in the handshake; this is a second lock.
                    refuse(ctx, "no verified client certificate that matches radsec.clients");
                    return;
                }
                nas = client.get();
                counters.connections.increment();
                log.info("RadSec connection from {} is client {} ({})", remote(ctx), nas.name(),
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
            } else {
                Throwable cause = handshake.cause();
                refuse(ctx, cause.getMessage() != null ? cause.getMessage() : cause.toString());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        counters.handshakesRefused.increment();
        warnings.warn("refused", "refused a RadSec connection from {}: {}", remote(ctx), why);
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (nas == null) {
            // SslHandler passes no application data before the handshake; be safe all the same.
            ctx.close();
            return;
        }
        intake.receive(nas, ByteBufUtil.getBytes(frame), remote(ctx), duplicates,
                response -> ctx.writeAndFlush(Unpooled.wrappedBuffer(response)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof CorruptedFrameException || root instanceof TooLongFrameException) {
            counters.closedBadFraming.increment();
            warnings.warn("framing", "closed the RadSec connection from {} ({}): {}; the stream cannot be re-aligned",
                    remote(ctx),
                    nas == null ? "unknown client" : nas.name(), root.getMessage());
        } else if (root instanceof SSLException) {
            // A failed handshake is counted once, by its completion event; later TLS errors end the connection.
            log.debug("TLS error on the RadSec connection from {}: {}", remote(ctx), root.toString());
        } else {
            counters.errors.increment();
            warnings.warn("error", "error on the RadSec connection from {} (closing it): {}", remote(ctx),
                    root.toString());
            log.debug("stack trace of the error above", root);
        }
        ctx.close();
    }

    private Optional<Nas> client(ChannelHandlerContext ctx) {
        try {
            Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? clients.find(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }
}
