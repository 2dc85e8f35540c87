package org.keyfob.server.radius;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.keyfob.oath.store.Durability;
import org.keyfob.oath.store.StoreException;
import org.keyfob.server.radius.codec.MalformedPacketException;
import org.keyfob.server.radius.codec.PacketDecoder;
import org.keyfob.server.radius.codec.RadiusPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a packet once its NAS is known, whatever carried it (UDP datagram or RadSec
 * frame): decode strictly, keep only Access-Request and Status-Server, spot retransmissions in the
 * caller's {@link DuplicateCache}, and hand the work to the {@link RequestProcessor} on the bounded
 * worker pool; the answer goes to the caller's {@link ReplySink} once what the login wrote is
 * durable. When too many requests are in flight, or the pool is full, the request is dropped and
 * counted (the NAS retries) rather than queued without limit.
 *
 * <p>Runs on the event loop up to the hand-off; never throws for a bad packet. Thread-safe.
 */
public final class RequestIntake {
    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

    private final RequestProcessor processor;
    private final Executor workers;
    private final int maxInFlight;
    private final RadiusCounters counters;
    private final RateLimitedLog warnings = new RateLimitedLog(log, 60_000_000_000L);

    /** At most {@code maxInFlight} requests are between intake and answer at once; more are dropped. */
    public RequestIntake(RequestProcessor processor, Executor workers, int maxInFlight, RadiusCounters counters) {
        this.processor = processor;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.counters = counters;
    }

    /**
     * @param packetBytes one RADIUS packet as received (a datagram may carry padding after it)
     * @param source the peer, for duplicate detection and log lines
     * @param duplicates the cache this transport keeps: one for the UDP listener, one per TLS connection
     */
    public void receive(Nas nas, byte[] packetBytes, InetSocketAddress source, DuplicateCache duplicates,
            ReplySink sink) {
        long received = System.nanoTime();
        RadiusPacket packet;
        try {
            packet = PacketDecoder.decode(packetBytes);
        } catch (MalformedPacketException e) {
            counters.droppedMalformed.increment();
            warnings.warn("malformed", "dropped a malformed packet from {} ({}): {}", source, nas.name(),
                    e.getMessage());
            return;
        }
        if (packet.code() != RadiusPacket.ACCESS_REQUEST && packet.code() != RadiusPacket.STATUS_SERVER) {
            counters.droppedUnsupported.increment();
            warnings.warn("unsupported", "dropped a packet with code {} from {} ({}): only Access-Request and"
                    + " Status-Server are answered on this port", packet.code(), source, nas.name());
            return;
        }
        counters.requests.increment();
        DuplicateCache.Key key = DuplicateCache.Key.of(source, packet.identifier(), packet.authenticator());
        DuplicateCache.Seen seen = duplicates.see(key, System.nanoTime());
        if (seen instanceof DuplicateCache.Seen.Answered answered) {
            counters.duplicates.increment();
            sink.send(answered.response());
            return;
        }
        if (seen instanceof DuplicateCache.Seen.Pending) {
            counters.duplicates.increment();
            return;
        }
        if (counters.inFlight.incrementAndGet() > maxInFlight) {
            counters.inFlight.decrementAndGet();
            overloaded(nas, source, duplicates, key);
            return;
        }
        try {
            workers.execute(() -> answer(nas, packet, source, duplicates, key, sink, received));
        } catch (RejectedExecutionException e) {
            counters.inFlight.decrementAndGet();
            overloaded(nas, source, duplicates, key);
        }
    }

    private void overloaded(Nas nas, InetSocketAddress source, DuplicateCache duplicates, DuplicateCache.Key key) {
        duplicates.forget(key);
        counters.droppedOverload.increment();
        warnings.warn("overload", "dropped a request from {} ({}): too many requests waiting for a worker or for"
                + " the disk; the NAS will retry", source, nas.name());
    }

    private void answer(Nas nas, RadiusPacket packet, InetSocketAddress source, DuplicateCache duplicates,
            DuplicateCache.Key key, ReplySink sink, long received) {
        Durability.Deferred<Optional<byte[]>> decided;
        try {
            decided = Durability.collect(() -> processor.process(nas, packet));
        } catch (RuntimeException e) {
            failed(nas, packet, source, duplicates, key, e);
            return;
        }
        // Answered once what the login wrote is on the disk: on the thread that made it so (the
        // journal's writer), or here at once when nothing waits. No worker sits waiting for it.
        decided.durable().whenComplete((ok, failure) -> {
            if (failure != null) {
                failed(nas, packet, source, duplicates, key, failure instanceof CompletionException c
                        && c.getCause() != null ? c.getCause() : failure);
            } else {
                send(decided.value(), duplicates, key, sink, received);
            }
        });
    }

    private void send(Optional<byte[]> response, DuplicateCache duplicates, DuplicateCache.Key key, ReplySink sink,
            long received) {
        counters.inFlight.decrementAndGet();
        if (response.isEmpty()) {
            duplicates.forget(key);
            return;
        }
        duplicates.complete(key, response.get(), System.nanoTime());
        sink.send(response.get());
        counters.latency.record(System.nanoTime() - received);
    }

    private void failed(Nas nas, RadiusPacket packet, InetSocketAddress source, DuplicateCache duplicates,
            DuplicateCache.Key key, Throwable e) {
        counters.inFlight.decrementAndGet();
        counters.errors.increment();
        duplicates.forget(key);
        if (e instanceof StoreException) {
            // The store logs the cause itself; while it lasts (a full disk) every login fails alike.
            counters.storeErrors.increment();
            warnings.warn("store", "no answer to request {} from {} ({}): {}", packet.identifier(), source,
                    nas.name(), e.getMessage());
            return;
        }
        log.error("error answering request {} from {} ({}); no answer sent: {}", packet.identifier(), source,
                nas.name(), e.toString());
        log.debug("stack trace of the error above", e);
    }
}
