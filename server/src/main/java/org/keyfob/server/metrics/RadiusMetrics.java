package org.keyfob.server.metrics;

import java.util.Map;
import java.util.function.IntSupplier;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.keyfob.server.radius.LatencyHistogram;
import org.keyfob.server.radius.RadiusCounters;

/**
 * keyfobd's own metrics, built from {@link RadiusCounters} at each scrape. Names (the text format
 * adds {@code _total} to counters):
 *
 * <pre>
 * keyfob_radius_requests_total             Access-Requests and Status-Servers from known clients
 * keyfob_radius_accepts_total
 * keyfob_radius_rejects_total{reason}      reason: oath-core's RejectReason, or UNSUPPORTED_CHAP,
 *                                          NO_PAP_PASSWORD, REPLY_ATTRIBUTES_UNAVAILABLE
 * keyfob_radius_challenges_total
 * keyfob_radius_status_server_total
 * keyfob_radius_duplicates_total           retransmissions answered from the cache or still pending
 * keyfob_radius_dropped_total{cause}       unknown_client, malformed, bad_authenticator,
 *                                          no_message_authenticator, unsupported, overload
 * keyfob_radius_errors_total               requests that failed inside the server (logged)
 * keyfob_radius_reply_attributes_dropped_total
 * keyfob_store_errors_total                store operations that failed
 * keyfob_radius_response_seconds           histogram: datagram in to answer out
 * keyfob_radius_clients                    gauge: RADIUS clients known now
 * keyfob_radius_in_flight                  gauge: requests taken in and not yet answered (queued,
 *                                          worked on, or waiting for the disk)
 * keyfob_build_info{version}
 * </pre>
 *
 * Thread-safe: it keeps no state of its own.
 */
public final class RadiusMetrics implements MultiCollector {
    private static final String[][] DROP_CAUSES = {
        {"unknown_client", "dropped_unknown_client"},
        {"malformed", "dropped_malformed"},
        {"bad_authenticator", "dropped_bad_authenticator"},
        {"no_message_authenticator", "dropped_no_message_authenticator"},
        {"unsupported", "dropped_unsupported"},
        {"overload", "dropped_overload"},
    };

    private final RadiusCounters counters;
    private final IntSupplier clients;
    private final String version;

    /**
     * @param clients how many RADIUS clients the listener knows now
     * @param version the build's version, for {@code keyfob_build_info}
     */
    public RadiusMetrics(RadiusCounters counters, IntSupplier clients, String version) {
        this.counters = counters;
        this.clients = clients;
        this.version = version;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Long> c = counters.snapshot();
        MetricSnapshots.Builder out = MetricSnapshots.builder()
                .metricSnapshot(counter("keyfob_radius_requests", "RADIUS requests from known clients", c.get("requests")))
                .metricSnapshot(counter("keyfob_radius_accepts", "Access-Accepts sent", c.get("accepts")))
                .metricSnapshot(rejects())
                .metricSnapshot(counter("keyfob_radius_challenges", "Access-Challenges sent", c.get("challenges")))
                .metricSnapshot(counter("keyfob_radius_status_server", "Status-Server requests answered",
                        c.get("status_server")))
                .metricSnapshot(counter("keyfob_radius_duplicates",
                        "retransmissions answered from the duplicate cache or dropped while pending",
                        c.get("duplicates")))
                .metricSnapshot(drops(c))
                .metricSnapshot(counter("keyfob_radius_errors", "requests that failed inside the server",
                        c.get("errors")))
                .metricSnapshot(counter("keyfob_radius_reply_attributes_dropped",
                        "reply attributes left out of an Access-Accept", c.get("reply_attributes_dropped")))
                .metricSnapshot(counter("keyfob_store_errors", "store operations that failed", c.get("store_errors")))
                .metricSnapshot(latency())
                .metricSnapshot(GaugeSnapshot.builder().name("keyfob_radius_clients")
                        .help("RADIUS clients known now, from the file and the store")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(clients.getAsInt()).build()).build())
                .metricSnapshot(GaugeSnapshot.builder().name("keyfob_radius_in_flight")
                        .help("requests taken in and not yet answered: queued, worked on, or waiting for the disk")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(counters.inFlight()).build()).build())
                .metricSnapshot(InfoSnapshot.builder().name("keyfob_build").help("the running keyfobd")
                        .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", version)).build())
                        .build());
        return out.build();
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private CounterSnapshot rejects() {
        CounterSnapshot.Builder rejects = CounterSnapshot.builder().name("keyfob_radius_rejects")
                .help("Access-Rejects sent, by reason");
        counters.rejectsByReason().forEach((reason, count) -> rejects.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("reason", reason)).value(count).build()));
        return rejects.build();
    }

    private static CounterSnapshot drops(Map<String, Long> c) {
        CounterSnapshot.Builder drops = CounterSnapshot.builder().name("keyfob_radius_dropped")
                .help("datagrams dropped without an answer, by cause");
        for (String[] cause : DROP_CAUSES) {
            drops.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("cause", cause[0]))
                    .value(c.get(cause[1])).build());
        }
        return drops.build();
    }

    private HistogramSnapshot latency() {
        LatencyHistogram histogram = counters.latency();
        double[] finite = LatencyHistogram.upperBoundsSeconds();
        double[] bounds = new double[finite.length + 1];
        System.arraycopy(finite, 0, bounds, 0, finite.length);
        bounds[finite.length] = Double.POSITIVE_INFINITY;
        return HistogramSnapshot.builder().name("keyfob_radius_response_seconds").unit(Unit.SECONDS)
                .help("time from a request's arrival to its answer being sent")
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, histogram.counts()))
                        .sum(histogram.sumSeconds()).build())
                .build();
    }
}
