package org.keyfob.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.auth.PasswordMode;

/**
 * The {@code radius:} section: the addresses and the UDP port the authentication listener binds.
 *
 * @param listen local IP addresses to bind, at least one, no duplicates
 * @param port UDP port, 0..65535; 0 asks the system for a free port, which only tests use (the
 *     config file allows 1..65535)
 * @param passwordMode how passwords carry PIN and code, unless a client says otherwise
 * @param clients the NAS clients from the file (the store may add more)
 * @param dictionary an extra FreeRADIUS-format dictionary for reply attribute names (vendor
 *     attributes), absolute; empty for the standard attributes only
 */
public record RadiusConfig(List<InetAddress> listen, int port, PasswordMode passwordMode, List<ClientConfig> clients,
        Optional<Path> dictionary) {

    /** The port RFC 2865 assigns to RADIUS authentication. */
    public static final int DEFAULT_PORT = 1812;

    public RadiusConfig {
        listen = List.copyOf(listen);
        clients = List.copyOf(clients);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("listen must name at least one address, was empty");
        }
        if (listen.stream().distinct().count() != listen.size()) {
            throw new IllegalArgumentException("listen must not repeat an address, was " + listen);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
    }

    /** Without an extra dictionary. */
    public RadiusConfig(List<InetAddress> listen, int port, PasswordMode passwordMode, List<ClientConfig> clients) {
        this(listen, port, passwordMode, clients, Optional.empty());
    }

    /** Listening only, with the default password mode and no clients. */
    public RadiusConfig(List<InetAddress> listen, int port) {
        this(listen, port, PasswordMode.PIN_OTP, List.of());
    }

    /** One socket address per entry of {@link #listen()}, all on {@link #port()}. */
    public List<InetSocketAddress> socketAddresses() {
        return listen.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }
}
