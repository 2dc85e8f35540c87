package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.PasswordMode;

/** The optional {@code radsec:} section: files resolved beside keyfob.yaml, clients by certificate, mistakes by line. */
class RadsecConfigTest {
    private static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @BeforeEach
    void pemFiles() throws IOException {
        // The loader only checks that the files are there and the key is private; TLS reads them later.
        Files.createDirectories(dir.resolve("tls"));
        Files.writeString(dir.resolve("tls/server.pem"), "cert");
        Files.writeString(dir.resolve("tls/ca.pem"), "ca");
        Files.writeString(dir.resolve("tls/server.key"), "key");
        Files.setPosixFilePermissions(dir.resolve("tls/server.key"), PosixFilePermissions.fromString("rw-------"));
    }

    private Path write(String... lines) throws IOException {
        return Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n", lines) + "\n");
    }

    private List<String> problemsOf(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e).describedAs("expected a ConfigException").isNotNull();
        return e.problems();
    }

    private Path write(List<String> lines) throws IOException {
        return write(lines.toArray(String[]::new));
    }

    private static List<String> section(String... clientLines) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "radsec:",
                "  certificate: tls/server.pem",
                "  private-key: tls/server.key",
                "  ca: tls/ca.pem",
                "  clients:"));
        lines.addAll(List.of(clientLines));
        return lines;
    }

    @Test
    void withoutTheSectionThereIsNoRadsecListener() throws Exception {
        assertThat(loader.load(write("radius:", "  port: 1812")).radsec()).isEmpty();
    }

    @Test
    void readsEveryKeyWithTheThreeWaysToMatchACertificate() throws Exception {
        RadsecConfig radsec = loader.load(write(
                "radsec:",
                "  listen: [127.0.0.1, \"::1\"]",
                "  port: 12083",
                "  certificate: tls/server.pem",
                "  private-key: tls/server.key",
                "  ca: tls/ca.pem",
                "  clients:",
                "    - name: proxy1",
                "      subject: \"CN=proxy1.example.org, O=Example\"",
                "    - name: proxy2",
                "      dns-name: Proxy2.Example.org",
                "      password-mode: challenge",
                "    - name: proxy3",
                "      sha256: " + FINGERPRINT,
                "      legacy: true")).radsec().orElseThrow();

        assertThat(radsec.listen()).containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        assertThat(radsec.port()).isEqualTo(12083);
        assertThat(radsec.certificate()).isEqualTo(dir.resolve("tls/server.pem"));
        assertThat(radsec.privateKey()).isEqualTo(dir.resolve("tls/server.key"));
        assertThat(radsec.ca()).isEqualTo(dir.resolve("tls/ca.pem"));
        assertThat(radsec.clients()).containsExactly(
                new RadsecClientConfig("proxy1", new CertificateMatch.Subject("CN=proxy1.example.org, O=Example"),
                        Optional.empty(), false),
                new RadsecClientConfig("proxy2", new CertificateMatch.DnsName("proxy2.example.org"),
                        Optional.of(PasswordMode.CHALLENGE), false),
                new RadsecClientConfig("proxy3", new CertificateMatch.Sha256(FINGERPRINT.replace(":", "").toLowerCase()),
                        Optional.empty(), true));
    }

    @Test
    void listenAndPortDefaultToLoopbackAnd2083() throws Exception {
        RadsecConfig radsec = loader.load(write(section("    - name: p", "      subject: CN=p"))).radsec().orElseThrow();

        assertThat(radsec.listen()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(radsec.port()).isEqualTo(2083);
    }

    @Test
    void aClientNeedsExactlyOneWayToMatch() throws Exception {
        assertThat(problemsOf(write(section(
                "    - name: none",
                "    - name: both",
                "      subject: CN=x",
                "      sha256: " + FINGERPRINT))))
                .containsExactly(
                        "keyfob.yaml:6: radsec.clients[0] has none of subject, dns-name, sha256; set exactly one,"
                                + " to say which certificate is this client",
                        "keyfob.yaml:7: radsec.clients[1] has subject and sha256 of subject, dns-name, sha256; set"
                                + " exactly one, to say which certificate is this client");
    }

    @Test
    void badFingerprintAndBadSubjectAreNamedByLine() throws Exception {
        assertThat(problemsOf(write(section(
                "    - name: a",
                "      sha256: abc",
                "    - name: b",
                "      subject: \"not a DN\""))))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("keyfob.yaml:7: radsec.clients[0].sha256: \"abc\" is not a SHA-256"),
                        p -> assertThat(p).startsWith("keyfob.yaml:9: radsec.clients[1].subject: "));
    }

    @Test
    void twoClientsForOneCertificateAreRefused() throws Exception {
        assertThat(problemsOf(write(section(
                "    - name: a",
                "      subject: CN=proxy,O=Example",
                "    - name: b",
                "      subject: cn=proxy, o=Example"))))
                .containsExactly("keyfob.yaml:9: radsec.clients[1] matches the same certificate as an earlier"
                        + " client; each certificate must map to one client");
    }

    @Test
    void missingFilesAndNoClientsAreReportedTogether() throws Exception {
        assertThat(problemsOf(write("radsec:", "  certificate: tls/nope.pem", "  ca: tls/ca.pem")))
                .containsExactlyInAnyOrder(
                        "keyfob.yaml:2: radsec has no private-key; expected the path of the server private key (PEM)",
                        "keyfob.yaml:2: radsec has no clients; list at least one, e.g. clients: [{name: proxy1,"
                                + " subject: \"CN=proxy1.example.org\"}], or remove the radsec section",
                        "keyfob.yaml:2: radsec.certificate = tls/nope.pem: no readable file at "
                                + dir.resolve("tls/nope.pem") + "; give the path of the server certificate (PEM)"
                                + " (relative to this file)");
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("tls/server.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(problemsOf(write(section("    - name: p", "      subject: CN=p"))))
                .containsExactly("keyfob.yaml:3: radsec.private-key " + dir.resolve("tls/server.key")
                        + " can be read by group or others; make it readable by the keyfob user only: chmod 600 "
                        + dir.resolve("tls/server.key"));
    }
}
