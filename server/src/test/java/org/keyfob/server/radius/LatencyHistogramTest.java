package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bucket edges follow Prometheus's "le": a value equal to an upper bound belongs to that bucket. */
class LatencyHistogramTest {

    @Test
    void aValueOnABoundCountsInThatBucketAndOneAboveInTheNext() {
        LatencyHistogram histogram = new LatencyHistogram();

        histogram.record(1_000_000L);
        histogram.record(1_000_001L);
        histogram.record(7_000_000_000L);
        histogram.record(-5);

        long[] counts = histogram.counts();
        assertThat(LatencyHistogram.upperBoundsSeconds()).startsWith(0.001, 0.0025).endsWith(5.0);
        assertThat(counts).hasSize(LatencyHistogram.upperBoundsSeconds().length + 1);
        assertThat(counts[0]).describedAs("le=0.001: exactly 1 ms, and a negative step as 0").isEqualTo(2);
        assertThat(counts[1]).describedAs("le=0.0025").isEqualTo(1);
        assertThat(counts[counts.length - 1]).describedAs("+Inf: beyond 5 s").isEqualTo(1);
        assertThat(histogram.sumSeconds()).isEqualTo(7.002000001);
    }
}
