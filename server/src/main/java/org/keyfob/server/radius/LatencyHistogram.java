package org.keyfob.server.radius;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long requests took from the datagram's arrival to the answer being handed to the socket, in
 * fixed buckets. Recording is two {@link LongAdder} increments after a short scan of the bounds:
 * no lock, no allocation, so it can sit on the request path. Read by the metrics endpoint, which
 * turns the counts into a Prometheus histogram. Thread-safe; a reader may see a count and a sum
 * from slightly different moments, as Prometheus allows.
 */
public final class LatencyHistogram {
    /** Upper bounds in nanoseconds, ascending: 1 ms to 5 s; anything slower lands in +Inf. */
    private static final long[] BOUNDS_NANOS = {
        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
    };

    /** One more than the bounds: the last is +Inf. Counts per bucket, not cumulative. */
    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one request that took {@code nanos} (negative values, from a clock step, count as 0). */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        int i = 0;
        while (i < BOUNDS_NANOS.length && value > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(value);
    }

    /** The upper bound of each finite bucket, in seconds, ascending. */
    public static double[] upperBoundsSeconds() {
        double[] seconds = new double[BOUNDS_NANOS.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = BOUNDS_NANOS[i] / 1e9;
        }
        return seconds;
    }

    /** Requests per bucket (not cumulative): one per bound of {@link #upperBoundsSeconds()}, then +Inf. */
    public long[] counts() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return counts;
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
