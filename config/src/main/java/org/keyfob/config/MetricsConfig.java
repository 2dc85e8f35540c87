package org.keyfob.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The {@code metrics:} section: where keyfobd serves Prometheus metrics over HTTP. Absent from
 * the file means no endpoint at all.
 *
 * @param listen the local address to bind; {@value #DEFAULT_LISTEN} unless the file says otherwise
 * @param port TCP port, 0..65535; 0 asks the system for a free port, which only tests use (the
 *     config file allows 1..65535)
 */
public record MetricsConfig(InetAddress listen, int port) {

    /** Loopback: metrics name RADIUS clients and users' outcomes by count, nothing for the network. */
    public static final String DEFAULT_LISTEN = "127.0.0.1";
    /** The port keyfob.yaml documents; chosen to sit near RADIUS's 1812 and to be easy to remember. */
    public static final int DEFAULT_PORT = 9812;

    public MetricsConfig {
        Objects.requireNonNull(listen, "listen");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(listen, port);
    }
}
