package org.keyfob.bench.load;

import java.util.Arrays;

/** Answer latencies in nanoseconds, kept whole so percentiles are exact; one writer at a time. */
final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The {@code fraction} quantile (0.5, 0.99, 0.999, 1.0) in milliseconds; 0 with no values. */
    synchronized double[] millis(double... fractions) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double[] out = new double[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            if (size > 0) {
                int at = (int) Math.min(size - 1, Math.ceil(fractions[i] * size) - 1);
                out[i] = sorted[Math.max(0, at)] / 1e6;
            }
        }
        return out;
    }
}
