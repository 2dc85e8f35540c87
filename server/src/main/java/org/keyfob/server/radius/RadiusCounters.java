package org.keyfob.server.radius;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.keyfob.oath.auth.RejectReason;

/**
 * What the listener has seen since start, by outcome. The request path only increments
 * {@link LongAdder}s (no lock, no allocation); the metrics endpoint reads them when scraped.
 */
public final class RadiusCounters {
    /** Reasons the server itself rejects for, before or after oath-core's {@link RejectReason}s. */
    public static final String UNSUPPORTED_CHAP = "UNSUPPORTED_CHAP";
    public static final String NO_PAP_PASSWORD = "NO_PAP_PASSWORD";
    public static final String REPLY_ATTRIBUTES_UNAVAILABLE = "REPLY_ATTRIBUTES_UNAVAILABLE";

    final LongAdder requests = new LongAdder();
    final LongAdder accepts = new LongAdder();
    final LongAdder rejects = new LongAdder();
    final LongAdder challenges = new LongAdder();
    final LongAdder statusServer = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder droppedUnknownClient = new LongAdder();
    final LongAdder droppedMalformed = new LongAdder();
    final LongAdder droppedBadAuthenticator = new LongAdder();
    final LongAdder droppedNoMessageAuthenticator = new LongAdder();
    final LongAdder droppedUnsupported = new LongAdder();
    final LongAdder droppedOverload = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Store operations that failed (a login, reply attributes, the client reload). */
    final LongAdder storeErrors = new LongAdder();
    /** Reply attributes left out of an Access-Accept: unknown name, bad value, or no room. */
    final LongAdder replyAttributesDropped = new LongAdder();
    /** Rejects by reason name; every known reason is present from the start, so scrapes show zeros. */
    private final ConcurrentHashMap<String, LongAdder> rejectsByReason = new ConcurrentHashMap<>();
    /** Requests taken in and not yet answered or given up: queued, worked on, or waiting for the disk. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Arrival to answer, for answered requests (retransmissions answered from the cache excluded). */
    final LatencyHistogram latency = new LatencyHistogram();

    public RadiusCounters() {
        for (RejectReason reason : RejectReason.values()) {
            rejectsByReason.put(reason.name(), new LongAdder());
        }
        for (String reason : new String[] {UNSUPPORTED_CHAP, NO_PAP_PASSWORD, REPLY_ATTRIBUTES_UNAVAILABLE}) {
            rejectsByReason.put(reason, new LongAdder());
        }
    }

    /** Counts one Access-Reject, in the total and under {@code reason} (a name as the auth log line gives it). */
    void rejected(String reason) {
        rejects.increment();
        rejectsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Every counter by name, in a stable order, for logs, tests and metrics. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests.sum());
        m.put("accepts", accepts.sum());
        m.put("rejects", rejects.sum());
        m.put("challenges", challenges.sum());
        m.put("status_server", statusServer.sum());
        m.put("duplicates", duplicates.sum());
        m.put("dropped_unknown_client", droppedUnknownClient.sum());
        m.put("dropped_malformed", droppedMalformed.sum());
        m.put("dropped_bad_authenticator", droppedBadAuthenticator.sum());
        m.put("dropped_no_message_authenticator", droppedNoMessageAuthenticator.sum());
        m.put("dropped_unsupported", droppedUnsupported.sum());
        m.put("dropped_overload", droppedOverload.sum());
        m.put("errors", errors.sum());
        m.put("store_errors", storeErrors.sum());
        m.put("reply_attributes_dropped", replyAttributesDropped.sum());
        return m;
    }

    /** Rejects by reason name, sorted by name. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> m = new TreeMap<>();
        rejectsByReason.forEach((reason, count) -> m.put(reason, count.sum()));
        return m;
    }

    /** Requests taken in and not yet answered or given up, now. */
    public int inFlight() {
        return inFlight.get();
    }

    public LatencyHistogram latency() {
        return latency;
    }

    public long get(String name) {
        Long v = snapshot().get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter named " + name);
        }
        return v;
    }
}
