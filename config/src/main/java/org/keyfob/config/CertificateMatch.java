package org.keyfob.config;

import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * How a RadSec client's TLS certificate is recognised (RFC 6614 §2.4): by its subject
 * distinguished name, by a DNS name in its subjectAltName, or by the SHA-256 fingerprint of the
 * whole certificate. The certificate must chain to {@code radsec.ca} in every case; the match only
 * says which RADIUS client it is.
 */
public sealed interface CertificateMatch {

    /**
     * The subject DN, kept in RFC 2253 canonical form (lower case, no spaces between parts), so
     * spacing and case in keyfob.yaml do not matter.
     */
    record Subject(String distinguishedName) implements CertificateMatch {
        public Subject {
            // Throws IllegalArgumentException naming the problem when it is not a DN.
            distinguishedName = new X500Principal(distinguishedName).getName(X500Principal.CANONICAL);
        }

        public X500Principal principal() {
            return new X500Principal(distinguishedName);
        }
    }

    /** A dNSName entry of the subjectAltName extension, compared without regard to case. */
    record DnsName(String name) implements CertificateMatch {
        public DnsName {
            if (name.isBlank() || name.contains(" ") || name.contains("*")) {
                throw new IllegalArgumentException("\"" + name + "\" is not a DNS name (no spaces or wildcards)");
            }
            name = name.toLowerCase(Locale.ROOT);
        }
    }

    /** SHA-256 over the DER certificate, 64 hex digits, lower case, no colons. */
    record Sha256(String hex) implements CertificateMatch {
        public Sha256 {
            String bare = hex.replace(":", "").toLowerCase(Locale.ROOT);
            if (bare.length() != 64 || !bare.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("\"" + hex + "\" is not a SHA-256 fingerprint; expected 64 hex"
                        + " digits, colons allowed, as `openssl x509 -noout -fingerprint -sha256 -in client.pem` prints");
            }
            hex = bare;
        }
    }
}
