package org.keyfob.server.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.keyfob.config.MetricsConfig;

/**
 * Serves Prometheus metrics over HTTP at {@code http://LISTEN:PORT/metrics}: keyfobd's own (from
 * {@link RadiusMetrics}) and the JVM's (memory, GC, threads, class loading, process CPU and file
 * descriptors). Each endpoint has a registry of its own, so several can run in one JVM (tests).
 * Two daemon threads answer scrapes; {@link #close()} stops them.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;
    private final ExecutorService threads;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer server, ExecutorService threads, InetSocketAddress address) {
        this.server = server;
        this.threads = threads;
        this.address = address;
    }

    /**
     * Binds {@code config}'s address and port and starts serving.
     *
     * @param keyfobMetrics keyfobd's own collectors: RADIUS, and RadSec when it runs
     *
     * @throws IOException when the port cannot be bound; the message names the address
     */
    public static MetricsEndpoint start(MetricsConfig config, MultiCollector... keyfobMetrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        for (MultiCollector collector : keyfobMetrics) {
            registry.register(collector);
        }
        JvmMetrics.builder().register(registry);
        ExecutorService threads = Executors.newFixedThreadPool(2, new DefaultThreadFactory("keyfob-metrics", true));
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(config.listen())
                    .port(config.port())
                    .registry(registry)
                    .executorService(threads)
                    .buildAndStart();
            return new MetricsEndpoint(server, threads, new InetSocketAddress(config.listen(), server.getPort()));
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IOException("cannot serve metrics on " + format(config.socketAddress()) + " (" + e.getMessage()
                    + "); choose a free port in metrics.port, or remove the metrics section", e);
        }
    }

    /** The bound address, with the real port when the configuration asked for 0. */
    public InetSocketAddress address() {
        return address;
    }

    /** The URL to scrape, e.g. {@code http://127.0.0.1:9812/metrics}. */
    public String url() {
        return "http://" + format(address) + "/metrics";
    }

    @Override
    public void close() {
        server.close();
        threads.shutdownNow();
    }

    private static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
