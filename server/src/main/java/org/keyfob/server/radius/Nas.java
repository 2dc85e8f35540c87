package org.keyfob.server.radius;

import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.config.CidrBlock;

/**
 * A RADIUS client (NAS) the server answers: its name for logs and the audit, the address block it
 * sends from, the shared secret, how its users' passwords carry PIN and code, and whether it may
 * send Access-Requests without Message-Authenticator ({@code legacy}: old equipment only, since
 * such requests are open to BlastRADIUS, CVE-2024-3596).
 */
public record Nas(String name, CidrBlock block, SharedSecret secret, PasswordMode passwordMode, boolean legacy) {
}
