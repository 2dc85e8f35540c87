package org.keyfob.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** keyfobd's command line, run in this JVM for the modes that exit without serving. */
class KeyfobdTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Keyfobd())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void checkConfigOfAGoodFileExitsZero() throws IOException {
        Path file = Files.writeString(dir.resolve("keyfob.yaml"), "radius:\n  port: 1812\n");

        assertThat(run("--config", file.toString(), "--check-config")).isZero();
        assertThat(out.toString()).contains(file + ": OK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void checkConfigOfABadFilePrintsEveryProblemWithFileAndLineAndExitsOne() throws IOException {
        Path file = Files.writeString(dir.resolve("keyfob.yaml"), "radius:\n  port: 70000\n  prot: 1\n");

        assertThat(run("--config", file.toString(), "--check-config")).isEqualTo(1);
        assertThat(err.toString())
                .contains(file + " has 2 problem(s):")
                .contains("keyfob.yaml:2: radius.port = 70000 is outside 1..65535")
                .contains("keyfob.yaml:3: unknown key radius.prot; expected one of: listen, port");
    }

    @Test
    void checkConfigReportsARadsecSectionWithoutItsFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("keyfob.yaml"),
                "radsec:\n  clients:\n    - name: proxy1\n      dns-name: proxy.example.org\n");

        assertThat(run("--config", file.toString(), "--check-config")).isEqualTo(1);
        assertThat(err.toString())
                .contains(file + " has 3 problem(s):")
                .contains("keyfob.yaml:2: radsec has no certificate; expected the path of the server certificate (PEM)")
                .contains("keyfob.yaml:2: radsec has no private-key")
                .contains("keyfob.yaml:2: radsec has no ca");
    }

    @Test
    void portAlreadyInUseExitsOneWithoutServing() throws IOException {
        try (DatagramSocket occupier = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Path file = Files.writeString(dir.resolve("keyfob.yaml"),
                    "radius:\n  listen: [127.0.0.1]\n  port: " + occupier.getLocalPort() + "\n");

            assertThat(run("--config", file.toString())).isEqualTo(1);
        }
    }

    @Test
    void versionNamesTheBuild() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("keyfobd ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }
}
