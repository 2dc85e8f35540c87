package org.keyfob.server.radsec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.CertificateMatch;
import org.keyfob.config.RadsecClientConfig;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.server.radius.Nas;

/** Mapping a verified client certificate to a RADIUS client: by subject, by SAN DNS name, by fingerprint. */
class ClientCertificatesTest {
    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        TestPki.assumeOpensslInstalled();
        pki = TestPki.create(dir);
    }

    private static ClientCertificates clients(CertificateMatch match) {
        return new ClientCertificates(List.of(new RadsecClientConfig("proxy1", match, Optional.empty(), false)),
                PasswordMode.OTP_PIN);
    }

    @Test
    void subjectMatchesWhateverTheSpacingAndCaseInTheConfig() throws Exception {
        ClientCertificates clients = clients(new CertificateMatch.Subject("cn=RADSECPROXY.test, o=keyfob tests"));

        assertThat(clients.find(pki.certificate("proxy"))).map(Nas::name).contains("proxy1");
        assertThat(clients.find(pki.certificate("stranger"))).isEmpty();
    }

    @Test
    void dnsNameMatchesASubjectAltNameEntry() throws Exception {
        ClientCertificates clients = clients(new CertificateMatch.DnsName("PROXY.test"));

        assertThat(clients.find(pki.certificate("proxy"))).map(Nas::name).contains("proxy1");
        assertThat(clients.find(pki.certificate("stranger"))).isEmpty();
    }

    @Test
    void fingerprintTellsApartTwoCertificatesWithTheSameSubject() throws Exception {
        X509Certificate proxy = pki.certificate("proxy");
        X509Certificate impostor = pki.certificate("impostor");
        ClientCertificates clients = clients(new CertificateMatch.Sha256(ClientCertificates.sha256(proxy)));

        assertThat(impostor.getSubjectX500Principal()).isEqualTo(proxy.getSubjectX500Principal());
        assertThat(clients.find(proxy)).map(Nas::name).contains("proxy1");
        assertThat(clients.find(impostor)).isEmpty();
    }

    @Test
    @DisplayName("RFC 6614 §2.3: the shared secret over TLS is \"radsec\"; the client's own password mode is kept")
    void aMappedClientUsesTheSecretRadsecAndTheDefaultPasswordMode() throws Exception {
        Nas nas = clients(new CertificateMatch.DnsName("proxy.test")).find(pki.certificate("proxy")).orElseThrow();

        assertThat(nas.secret().matches(SharedSecret.of("radsec"))).isTrue();
        assertThat(nas.passwordMode()).isEqualTo(PasswordMode.OTP_PIN);
        assertThat(nas.legacy()).isFalse();
    }

    @Test
    void describeNamesSubjectAndFingerprintForTheAdmin() throws Exception {
        X509Certificate stranger = pki.certificate("stranger");

        assertThat(ClientCertificates.describe(stranger))
                .isEqualTo("subject \"CN=stranger.test\", sha256 " + ClientCertificates.sha256(stranger))
                .matches(".*sha256 [0-9a-f]{64}$");
    }
}
