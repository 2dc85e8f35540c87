package org.keyfob.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code radsec:} section: RADIUS over TLS (RFC 6614) on TCP, beside the UDP listener.
 *
 * @param listen local IP addresses to bind, at least one
 * @param port TCP port, 0..65535; 0 asks the system for a free port, which only tests use
 * @param certificate PEM file with the server certificate, then any intermediates
 * @param privateKey PEM file with the server's unencrypted PKCS#8 private key
 * @param ca PEM file with the CA certificates client certificates must chain to
 * @param clients the RadSec clients, by certificate
 */
public record RadsecConfig(List<InetAddress> listen, int port, Path certificate, Path privateKey, Path ca,
        List<RadsecClientConfig> clients) {

    /** The port RFC 6614 §2.1 assigns to RADIUS over TLS. */
    public static final int DEFAULT_PORT = 2083;

    public RadsecConfig {
        listen = List.copyOf(listen);
        clients = List.copyOf(clients);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(ca, "ca");
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("listen must name at least one address, was empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
    }

    /** One socket address per entry of {@link #listen()}, all on {@link #port()}. */
    public List<InetSocketAddress> socketAddresses() {
        return listen.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }
}
