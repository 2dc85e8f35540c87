package org.keyfob.oath.store;

import java.util.Map;

/**
 * A NAS allowed to ask: its name (shown in logs and the audit), its address or CIDR block, the
 * shared secret, and per-client options such as the password mode, as key/value text.
 */
public record RadiusClient(String name, String address, SharedSecret secret, Map<String, String> options) {
    public RadiusClient {
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("client name must be 1 to 64 characters");
        }
        options = Map.copyOf(options);
    }
}
