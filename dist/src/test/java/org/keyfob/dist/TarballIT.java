package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyfob-VERSION.tar.gz unpacked anywhere runs: the launchers find lib/ and etc/ beside bin/. */
class TarballIT {
    private static final String VERSION = System.getProperty("keyfob.version");

    @TempDir
    Path dir;

    @Test
    void unpackedTarballRunsBothPrograms() throws Exception {
        Path tarball = Path.of(System.getProperty("keyfob.tarball"));
        Command untar = Command.run("tar", "-xzf", tarball.toString(), "-C", dir.toString());
        assertThat(untar.exit()).describedAs("%s", untar).isZero();
        Path home = dir.resolve("keyfob-" + VERSION);

        Command version = Command.run(home.resolve("bin/keyfob").toString(), "--version");
        Command check = Command.run(home.resolve("bin/keyfobd").toString(), "--check-config");

        assertThat(version.output().strip()).describedAs("%s", version).isEqualTo("keyfob " + VERSION);
        assertThat(check.exit()).describedAs("%s", check).isZero();
        assertThat(check.output()).contains(home.resolve("etc/keyfob.yaml") + ": OK");
        assertThat(home.resolve("man/man1/keyfob-backup.1")).isRegularFile();
        assertThat(home.resolve("completion/keyfob")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("lib").toFile().list()).noneMatch(name -> name.contains("picocli-codegen"))
                .contains("keyfob-server-" + VERSION + ".jar");
    }
}
