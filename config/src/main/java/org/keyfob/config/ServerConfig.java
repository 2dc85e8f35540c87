package org.keyfob.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code keyfob.yaml}, checked and with defaults filled in.
 *
 * @param radius where the RADIUS listener binds
 * @param store where tokens and audit records live
 * @param metrics where Prometheus metrics are served; empty when the file has no {@code metrics:}
 * @param ldap the directory that checks the PIN part; empty when the file has no {@code ldap:}
 */
public record ServerConfig(RadiusConfig radius, StoreConfig store, Optional<MetricsConfig> metrics,
        Optional<LdapConfig> ldap) {

    public ServerConfig {
        Objects.requireNonNull(radius, "radius");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(ldap, "ldap");
    }

    /** Without a directory. */
    public ServerConfig(RadiusConfig radius, StoreConfig store, Optional<MetricsConfig> metrics) {
        this(radius, store, metrics, Optional.empty());
    }

    /** Without a metrics endpoint. */
    public ServerConfig(RadiusConfig radius, StoreConfig store) {
        this(radius, store, Optional.empty());
    }
}
