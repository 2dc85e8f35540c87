package org.keyfob.server.radsec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files named in {@code radsec:} with the JDK alone: certificates (one or more
 * {@code BEGIN CERTIFICATE} blocks) and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE
 * KEY}) of type RSA, EC or Ed25519. Every failure is an {@link IOException} naming the file and
 * what to do; a key's bytes never appear in one.
 */
final class PemFiles {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");

    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file, String key) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(key + " " + file + " holds no certificate; expected PEM blocks"
                        + " beginning -----BEGIN CERTIFICATE-----");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(key + " " + file + " is not a PEM certificate file (" + e.getMessage()
                    + "); expected blocks beginning -----BEGIN CERTIFICATE-----", e);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("ENCRYPTED") ? "it is encrypted; keyfobd needs it unencrypted (and chmod 600)"
                    : text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                            ? "it is in the older PKCS#1/SEC1 form" : "no -----BEGIN PRIVATE KEY----- block found";
            throw new IOException("radsec.private-key " + file + ": " + hint + "; convert it with: openssl pkcs8"
                    + " -topk8 -nocrypt -in " + file + " -out server.pk8.pem");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IOException("radsec.private-key " + file + ": the PRIVATE KEY block is not valid base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new IOException("radsec.private-key " + file + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
