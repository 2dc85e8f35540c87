package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code metrics:} section: off when absent, loopback by default, every mistake named by line. */
class MetricsConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path write(String... lines) throws IOException {
        return Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n", lines) + "\n");
    }

    private List<String> problemsOf(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e).describedAs("expected a ConfigException").isNotNull();
        return e.problems();
    }

    @Test
    void noMetricsSectionMeansNoEndpoint() throws Exception {
        assertThat(loader.load(write("radius:", "  port: 1812")).metrics()).isEmpty();
    }

    @Test
    void emptySectionServesOnLoopbackPort9812() throws Exception {
        MetricsConfig metrics = loader.load(write("metrics:")).metrics().orElseThrow();

        assertThat(metrics.listen()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(metrics.listen().isLoopbackAddress()).isTrue();
        assertThat(metrics.port()).isEqualTo(9812);
    }

    @Test
    void readsListenAndPort() throws Exception {
        MetricsConfig metrics = loader.load(write("metrics:", "  listen: \"::1\"", "  port: 19812"))
                .metrics().orElseThrow();

        assertThat(metrics.listen()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(metrics.port()).isEqualTo(19812);
    }

    @Test
    void reportsEveryMistakeWithItsLine() throws IOException {
        Path file = write(
                "metrics:",
                "  listen: metrics.example.org",
                "  port: 0",
                "  path: /metrics");

        assertThat(problemsOf(file)).containsExactly(
                "keyfob.yaml:2: metrics.listen = metrics.example.org is not an IP address; expected one IPv4 or"
                        + " IPv6 literal such as 127.0.0.1 or ::1 (host names are not resolved)",
                "keyfob.yaml:3: metrics.port = 0 is outside 1..65535",
                "keyfob.yaml:4: unknown key metrics.path; expected one of: listen, port");
    }

    @Test
    void aListOfAddressesIsRefused() throws IOException {
        assertThat(problemsOf(write("metrics:", "  listen: [127.0.0.1]")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:2: metrics.listen is a list; expected one IP address");
    }
}
