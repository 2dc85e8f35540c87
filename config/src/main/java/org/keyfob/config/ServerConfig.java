package org.keyfob.config;

import java.util.Objects;

/**
 * The whole of {@code keyfob.yaml}, checked and with defaults filled in.
 *
 * @param radius where the RADIUS listener binds
 * @param store where tokens and audit records live
 */
public record ServerConfig(RadiusConfig radius, StoreConfig store) {

    public ServerConfig {
        Objects.requireNonNull(radius, "radius");
        Objects.requireNonNull(store, "store");
    }
}
