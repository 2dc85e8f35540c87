package org.keyfob.server.radsec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keyfob.config.CertificateMatch;
import org.keyfob.config.CidrBlock;
import org.keyfob.config.RadsecClientConfig;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.server.radius.Nas;

/**
 * Which RADIUS client a (CA-verified) TLS client certificate is, from {@code radsec.clients}:
 * the first entry whose subject, subjectAltName DNS name or SHA-256 fingerprint matches. Each
 * client becomes a {@link Nas} with the shared secret {@code radsec} (RFC 6614 §2.3) and any
 * source address, since the certificate, not the address, says who it is. Immutable, thread-safe.
 */
public final class ClientCertificates {
    /** RFC 6614 §2.3: over TLS the RADIUS shared secret is the literal "radsec". */
    static final String SHARED_SECRET = "radsec";
    private static final CidrBlock ANY_ADDRESS = CidrBlock.parse("0.0.0.0/0");

    private record Entry(CertificateMatch match, Nas nas) {
    }

    private final List<Entry> entries;

    public ClientCertificates(List<RadsecClientConfig> clients, PasswordMode defaultMode) {
        this.entries = clients.stream()
                .map(c -> new Entry(c.match(), new Nas(c.name(), ANY_ADDRESS, SharedSecret.of(SHARED_SECRET),
                        c.passwordMode().orElse(defaultMode), c.legacy())))
                .toList();
    }

    public Optional<Nas> find(X509Certificate certificate) {
        for (Entry entry : entries) {
            if (matches(entry.match(), certificate)) {
                return Optional.of(entry.nas());
            }
        }
        return Optional.empty();
    }

    /** Subject and fingerprint, for the log line when no client matches; no secret in a certificate. */
    static String describe(X509Certificate certificate) {
        return "subject \"" + certificate.getSubjectX500Principal().getName() + "\", sha256 " + sha256(certificate);
    }

    private static boolean matches(CertificateMatch match, X509Certificate certificate) {
        if (match instanceof CertificateMatch.Subject subject) {
            return subject.principal().equals(certificate.getSubjectX500Principal());
        }
        if (match instanceof CertificateMatch.DnsName dns) {
            return dnsNames(certificate).contains(dns.name());
        }
        if (match instanceof CertificateMatch.Sha256 fingerprint) {
            // A fingerprint is public, but compare in constant time anyway: it costs nothing.
            return MessageDigest.isEqual(fingerprint.hex().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    sha256(certificate).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        throw new AssertionError(match);
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        // Type 2 is dNSName (RFC 5280 §4.2.1.6).
        return names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
                .map(n -> String.valueOf(n.get(1)).toLowerCase(Locale.ROOT)).toList();
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java runtime has SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that came through a TLS handshake cannot be encoded", e);
        }
    }
}
