package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.ConfigLoader;
import org.keyfob.config.ServerConfig;

/** The package's /etc/keyfob/keyfob.yaml: etc/keyfob.yaml pointed at /var/lib/keyfob, and still valid. */
class PackagedConfigTest {
    private static final Path SOURCE = Path.of(System.getProperty("keyfob.repository", ".."), "etc", "keyfob.yaml");

    @TempDir
    Path dir;

    @Test
    void packagedConfigLoadsWithDataAndKeyInVarLibKeyfob() throws Exception {
        Path packaged = Files.writeString(dir.resolve("keyfob.yaml"), PackagedConfig.from(SOURCE, Files.readString(SOURCE)));

        ServerConfig config = new ConfigLoader().load(packaged);

        assertThat(config.store().dataDir()).isEqualTo(Path.of("/var/lib/keyfob"));
        assertThat(config.store().keyFile()).isEqualTo(Path.of("/var/lib/keyfob/keyfob.key"));
        assertThat(Files.readString(packaged)).contains("keyfobd --config /etc/keyfob/keyfob.yaml --check-config")
                .doesNotContain("bin/keyfobd --config etc/keyfob.yaml");
    }

    @Test
    void theMetricsExampleIsSwitchedOnOnLoopback() throws Exception {
        Path packaged = Files.writeString(dir.resolve("keyfob.yaml"), PackagedConfig.from(SOURCE, Files.readString(SOURCE)));

        ServerConfig config = new ConfigLoader().load(packaged);

        assertThat(config.metrics()).hasValueSatisfying(m -> {
            assertThat(m.listen().isLoopbackAddress()).isTrue();
            assertThat(m.port()).isEqualTo(9812);
        });
    }

    @Test
    void aSourceWithoutTheMetricsExampleStopsTheBuild() {
        String text = "store:\n  data-dir: ../data\n# metrics:\n#   port: 9812\n";

        assertThatThrownBy(() -> PackagedConfig.from(Path.of("etc/keyfob.yaml"), text))
                .hasMessageContaining("etc/keyfob.yaml: expected the commented lines [# metrics:");
    }

    @Test
    void aSourceWithoutTheDataDirLineStopsTheBuild() {
        assertThatThrownBy(() -> PackagedConfig.from(Path.of("etc/keyfob.yaml"), "store:\n  data-dir: /srv/keyfob\n"))
                .hasMessageContaining("etc/keyfob.yaml: expected exactly one line \"data-dir: ../data\"");
    }
}
