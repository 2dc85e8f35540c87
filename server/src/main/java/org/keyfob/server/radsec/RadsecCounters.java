package org.keyfob.server.radsec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the RadSec listener has seen at the connection level since start; the packets it carries
 * are counted with the UDP ones in {@link org.keyfob.server.radius.RadiusCounters}.
 */
public final class RadsecCounters {
    final LongAdder connections = new LongAdder();
    final LongAdder handshakesRefused = new LongAdder();
    final LongAdder closedBadFraming = new LongAdder();
    final LongAdder errors = new LongAdder();

    /** Every counter by name, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("radsec_connections", connections.sum());
        m.put("radsec_handshakes_refused", handshakesRefused.sum());
        m.put("radsec_closed_bad_framing", closedBadFraming.sum());
        m.put("radsec_errors", errors.sum());
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
