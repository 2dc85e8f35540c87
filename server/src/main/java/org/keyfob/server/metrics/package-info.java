/**
 * The Prometheus metrics endpoint: an HTTP server on a loopback port (by default) that serves
 * {@code /metrics} in the Prometheus text format.
 *
 * <p>{@link org.keyfob.server.metrics.RadiusMetrics} reads the listener's
 * {@link org.keyfob.server.radius.RadiusCounters} when scraped, so nothing here runs on the
 * request path; {@link org.keyfob.server.metrics.MetricsEndpoint} adds the JVM's own metrics and
 * serves them. The radius package does not know this one exists. Start with {@code MetricsEndpoint}.
 */
package org.keyfob.server.metrics;
