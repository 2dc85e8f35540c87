package org.keyfob.server.radius;

import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * WARN lines that a flood cannot multiply: at most one per kind per interval, with the number
 * suppressed since the last one. The counters keep the exact figures.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, long[]> last = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    public void warn(String kind, String format, Object... args) {
        long now = System.nanoTime();
        long[] state = last.computeIfAbsent(kind, k -> new long[] {now - intervalNanos, 0});
        long suppressed;
        synchronized (state) {
            if (now - state[0] < intervalNanos) {
                state[1]++;
                return;
            }
            suppressed = state[1];
            state[0] = now;
            state[1] = 0;
        }
        log.warn(suppressed == 0 ? format : format + " (and " + suppressed + " more like it since the last report)",
                args);
    }
}
