package org.keyfob.config;

import java.util.Optional;
import org.keyfob.oath.auth.PasswordMode;

/**
 * One entry of {@code radsec.clients}: a RADIUS client that connects over TLS, recognised by its
 * certificate rather than its address. The shared secret is fixed at {@code radsec} (RFC 6614
 * §2.3), so there is none to configure.
 *
 * @param name shown in logs and the audit log; unique among RadSec clients
 * @param match how its certificate is recognised
 * @param passwordMode overrides {@code radius.password-mode} for this client
 * @param legacy accept Access-Requests without Message-Authenticator, as for UDP clients
 */
public record RadsecClientConfig(String name, CertificateMatch match, Optional<PasswordMode> passwordMode,
        boolean legacy) {
}
