package org.keyfob.server.radius;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the listener has seen since start, by outcome; the metrics endpoint will export these. */
public final class RadiusCounters {
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
    /** Reply attributes left out of an Access-Accept: unknown name, bad value, or no room. */
    final LongAdder replyAttributesDropped = new LongAdder();

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
        m.put("reply_attributes_dropped", replyAttributesDropped.sum());
        return m;
    }

    public long get(String name) {
        Long v = snapshot().get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter named " + name);
        }
        return v;
    }
}
