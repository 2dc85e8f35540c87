package org.keyfob.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import org.keyfob.server.radsec.RadsecCounters;

/**
 * The RadSec listener's connection-level counters, read at each scrape; the requests it carries
 * are in {@link RadiusMetrics} with the UDP ones. Names (the text format adds {@code _total}):
 *
 * <pre>
 * keyfob_radsec_connections_total          TLS connections accepted from a known client
 * keyfob_radsec_handshakes_refused_total   no certificate, another CA, no matching client, old TLS
 * keyfob_radsec_closed_bad_framing_total   connections closed for a Length outside 20..4096
 * keyfob_radsec_errors_total               connections closed on an unexpected error (logged)
 * </pre>
 *
 * Thread-safe: it keeps no state of its own.
 */
public final class RadsecMetrics implements MultiCollector {
    private final RadsecCounters counters;

    public RadsecMetrics(RadsecCounters counters) {
        this.counters = counters;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Long> c = counters.snapshot();
        return MetricSnapshots.builder()
                .metricSnapshot(counter("keyfob_radsec_connections", "RadSec connections accepted from a known client",
                        c.get("radsec_connections")))
                .metricSnapshot(counter("keyfob_radsec_handshakes_refused", "RadSec TLS handshakes refused",
                        c.get("radsec_handshakes_refused")))
                .metricSnapshot(counter("keyfob_radsec_closed_bad_framing",
                        "RadSec connections closed for a RADIUS Length outside 20..4096",
                        c.get("radsec_closed_bad_framing")))
                .metricSnapshot(counter("keyfob_radsec_errors", "RadSec connections closed on an unexpected error",
                        c.get("radsec_errors")))
                .build();
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
