package org.keyfob.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code keyfob.yaml}, checked and with defaults filled in.
 *
 * @param radius where the RADIUS listener binds
 * @param store where tokens and audit records live
 * @param metrics where Prometheus metrics are served; empty when the file has no {@code metrics:}
 * @param radsec the RADIUS over TLS listener; empty when the file has no {@code radsec:}
 * @param ldap the directory that checks the PIN part; empty when the file has no {@code ldap:}
 */
public record ServerConfig(RadiusConfig radius, StoreConfig store, Optional<MetricsConfig> metrics,
        Optional<RadsecConfig> radsec, Optional<LdapConfig> ldap) {

    public ServerConfig {
        Objects.requireNonNull(radius, "radius");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(radsec, "radsec");
        Objects.requireNonNull(ldap, "ldap");
    }

    /** Without RadSec or a directory. */
    public ServerConfig(RadiusConfig radius, StoreConfig store, Optional<MetricsConfig> metrics) {
        this(radius, store, metrics, Optional.empty(), Optional.empty());
    }

    /** Without a metrics endpoint, RadSec or a directory. */
    public ServerConfig(RadiusConfig radius, StoreConfig store) {
        this(radius, store, Optional.empty());
    }
}
