package org.keyfob.server.radsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEM files of radsec: read with the JDK, and every failure names the file and the fix. */
class PemFilesTest {
    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        TestPki.assumeOpensslInstalled();
        pki = TestPki.create(dir);
    }

    @Test
    void readsTheOpensslKeyAndACertificate() throws Exception {
        assertThat(PemFiles.privateKey(pki.key("server")).getAlgorithm()).isEqualTo("EC");
        assertThat(PemFiles.certificates(pki.pem("server"), "radsec.certificate")).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=localhost"));
    }

    @Test
    void aKeyInTheOlderSec1FormIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path sec1 = dir.resolve("sec1.key");
        Process p = new ProcessBuilder("openssl", "pkey", "-in", pki.key("server").toString(), "-traditional",
                "-out", sec1.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        IOException e = catchThrowableOfType(IOException.class, () -> PemFiles.privateKey(sec1));

        assertThat(e).hasMessage("radsec.private-key " + sec1 + ": it is in the older PKCS#1/SEC1 form; convert it"
                + " with: openssl pkcs8 -topk8 -nocrypt -in " + sec1 + " -out server.pk8.pem");
    }

    @Test
    void aFileWithoutCertificatesIsNamed() throws Exception {
        IOException e = catchThrowableOfType(IOException.class,
                () -> PemFiles.certificates(pki.key("server"), "radsec.ca"));

        assertThat(e).hasMessageStartingWith("radsec.ca " + pki.key("server"))
                .hasMessageNotContaining(Files.readString(pki.key("server")).lines().skip(1).findFirst().orElseThrow());
    }
}
