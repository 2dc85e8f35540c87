package org.keyfob.config;

import java.util.Optional;
import org.keyfob.oath.auth.PasswordMode;

/**
 * One entry of {@code radius.clients}: a NAS by name and address or CIDR block, its shared
 * secret, an optional password mode overriding {@code radius.password-mode}, and {@code legacy}
 * (accept Access-Requests without Message-Authenticator). {@code toString} hides the secret.
 */
public record ClientConfig(String name, String address, String secret, Optional<PasswordMode> passwordMode,
        boolean legacy) {

    @Override
    public String toString() {
        return "ClientConfig[" + name + ", " + address + ", secret " + secret.length() + " chars"
                + passwordMode.map(m -> ", " + m.configName()).orElse("") + (legacy ? ", legacy" : "") + "]";
    }
}
