package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installs the built .deb with dpkg into a clean Debian root (see {@link DebianRoot}) and checks
 * what an admin gets: the files, the keyfob system user, the conffiles, the data directory's
 * owner and mode, launchers that run from /usr/bin, a unit systemd accepts, and a purge that
 * keeps the data. Needs root (dpkg, unshare) and debootstrap; CI runs as root and .ci/run
 * installs debootstrap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageInstallIT {
    private static final String VERSION = System.getProperty("keyfob.version");
    private static DebianRoot root;

    @BeforeAll
    static void installPackage() throws Exception {
        if (!Command.run("id", "-u").output().strip().equals("0")) {
            abort("the package test installs a .deb with dpkg into a Debian root and needs root; run"
                    + " 'mvn -B verify' as root (CI does) to include it");
        }
        assertThat(Command.onPath("debootstrap")).describedAs("debootstrap is needed: apt-get install debootstrap"
                + " (.ci/run installs it)").isTrue();
        Path deb = Path.of(System.getProperty("keyfob.deb"));
        assertThat(deb).describedAs("the package built in the package phase").isRegularFile();

        root = DebianRoot.freshCopy(Path.of("target", "package-test-root").toAbsolutePath());
        Files.copy(deb, root.path("/tmp/keyfob.deb"));
        Command install = root.run("dpkg", "-i", "/tmp/keyfob.deb");
        assertThat(install.exit()).describedAs("dpkg -i keyfob.deb: %s", install).isZero();
    }

    @AfterAll
    static void removeRoot() throws Exception {
        if (root != null) {
            root.delete();
        }
    }

    @Test
    @Order(1)
    void installsProgramsConfigurationUnitManPagesAndCompletion() {
        assertThat(root.path("/usr/share/keyfob/lib/keyfob-server-" + VERSION + ".jar")).isRegularFile();
        assertThat(root.path("/usr/share/keyfob/lib/keyfob-cli-" + VERSION + ".jar")).isRegularFile();
        assertThat(root.path("/usr/share/keyfob/lib")).isDirectoryNotContaining("glob:**picocli-codegen*");
        assertThat(root.path("/usr/bin/keyfob")).isSymbolicLink();
        assertThat(root.path("/usr/bin/keyfobd")).isSymbolicLink();
        assertThat(root.path("/usr/share/keyfob/bin/keyfobd")).isExecutable();
        assertThat(root.path("/etc/keyfob/keyfob.yaml")).content().contains("data-dir: /var/lib/keyfob");
        assertThat(root.path("/etc/keyfob/logback.xml")).isRegularFile();
        assertThat(root.path("/etc/keyfob/logback-json.xml")).isRegularFile();
        assertThat(root.path("/lib/systemd/system/keyfob.service")).content().contains("User=keyfob");
        for (String page : new String[] {"keyfob", "keyfobd", "keyfob-backup", "keyfob-restore", "keyfob-token-import"}) {
            assertThat(root.path("/usr/share/man/man1/" + page + ".1.gz")).isRegularFile();
        }
        assertThat(root.path("/usr/share/bash-completion/completions/keyfob")).isRegularFile();
    }

    @Test
    @Order(2)
    void createsTheKeyfobSystemUserAndAPrivateDataDirectory() throws Exception {
        Command user = root.run("getent", "passwd", "keyfob");
        assertThat(user.exit()).describedAs("getent passwd keyfob: %s", user).isZero();
        String[] fields = user.output().strip().split(":");
        assertThat(Integer.parseInt(fields[2])).describedAs("uid of a system user").isBetween(100, 999);
        assertThat(fields[5]).isEqualTo("/var/lib/keyfob");
        assertThat(fields[6]).isEqualTo("/usr/sbin/nologin");

        assertThat(root.run("stat", "-c", "%U:%G %a", "/var/lib/keyfob").output().strip()).isEqualTo("keyfob:keyfob 700");
        assertThat(root.run("stat", "-c", "%U:%G %a", "/etc/keyfob/keyfob.yaml").output().strip())
                .describedAs("keyfob.yaml may hold client secrets").isEqualTo("root:keyfob 640");
    }

    @Test
    @Order(3)
    void marksTheConfigurationAsConffiles() throws Exception {
        Command conffiles = root.run("dpkg-query", "--showformat=${Conffiles}\\n", "--show", "keyfob");

        assertThat(conffiles.exit()).describedAs("%s", conffiles).isZero();
        assertThat(conffiles.output()).contains("/etc/keyfob/keyfob.yaml ", "/etc/keyfob/logback.xml ",
                "/etc/keyfob/logback-json.xml ", "/etc/keyfob/dictionary.vendors ").doesNotContain("keyfob.service");
    }

    @Test
    @Order(4)
    void launchersRunFromThePathWithThePackagedConfiguration() throws Exception {
        Command version = root.run("keyfob", "--version");
        assertThat(version.exit()).describedAs("keyfob --version: %s", version).isZero();
        assertThat(version.output().strip()).isEqualTo("keyfob " + VERSION);

        Command check = root.run("keyfobd", "--check-config");
        assertThat(check.exit()).describedAs("keyfobd --check-config: %s", check).isZero();
        assertThat(check.output()).contains("/etc/keyfob/keyfob.yaml: OK");

        // As the service runs: the keyfob user creates the store and the master key in /var/lib/keyfob.
        Command add = root.run("runuser", "-u", "keyfob", "--", "keyfob", "user", "add", "alice");
        assertThat(add.exit()).describedAs("keyfob user add alice (as keyfob): %s", add).isZero();
        assertThat(root.run("runuser", "-u", "keyfob", "--", "keyfob", "user", "list").output()).contains("alice");
        assertThat(root.run("stat", "-c", "%U %a", "/var/lib/keyfob/keyfob.key").output().strip())
                .isEqualTo("keyfob 600");
    }

    @Test
    @Order(5)
    void systemdAcceptsTheInstalledUnit() throws Exception {
        Command verify = root.run("systemd-analyze", "verify", "--man=no", "/lib/systemd/system/keyfob.service");

        assertThat(verify.exit()).describedAs("%s", verify).isZero();
        assertThat(verify.output()).describedAs("warnings from systemd-analyze verify").isBlank();
    }

    @Test
    @Order(6)
    void bashCompletesKeyfobCommands() throws Exception {
        Command complete = root.run("bash", "-c", "source /usr/share/bash-completion/completions/keyfob && complete -p keyfob");

        assertThat(complete.exit()).describedAs("%s", complete).isZero();
        assertThat(complete.output()).contains("keyfob");
    }

    @Test
    @Order(7)
    void purgeRemovesTheProgramsButKeepsTheData() throws Exception {
        Command purge = root.run("dpkg", "--purge", "keyfob");

        assertThat(purge.exit()).describedAs("dpkg --purge keyfob: %s", purge).isZero();
        assertThat(root.path("/usr/bin/keyfob")).doesNotExist();
        assertThat(root.path("/etc/keyfob/keyfob.yaml")).doesNotExist();
        assertThat(root.path("/var/lib/keyfob/keyfob.key")).describedAs("the master key survives a purge").exists();
    }
}
