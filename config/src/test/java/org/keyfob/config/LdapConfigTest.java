package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ldap:} section: off when absent, search or template, per-client, every mistake named by line. */
class LdapConfigTest {

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
    void noLdapSectionMeansTheLocalPin() throws Exception {
        assertThat(loader.load(write("radius:", "  port: 1812")).ldap()).isEmpty();
    }

    @Test
    void readsSearchWithServiceAccountAndResolvesFilesAgainstTheConfigDirectory() throws Exception {
        Files.writeString(dir.resolve("bind.secret"), "pw\n");
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        LdapConfig ldap = loader.load(write(
                "ldap:",
                "  servers: [\"ldaps://dc1.example.org:636\", \"ldaps://dc2.example.org\"]",
                "  trust-store: ca.pem",
                "  bind-dn: \"cn=keyfob,ou=services,dc=example,dc=org\"",
                "  bind-password-file: bind.secret",
                "  base-dn: \"ou=people,dc=example,dc=org\"",
                "  user-filter: \"(sAMAccountName={user})\"",
                "  group-dn: \"cn=vpn-users,ou=groups,dc=example,dc=org\"",
                "  clients: [vpn1]",
                "  timeout: 3",
                "  pool-size: 8")).ldap().orElseThrow();

        assertThat(ldap.servers()).containsExactly(URI.create("ldaps://dc1.example.org:636"),
                URI.create("ldaps://dc2.example.org"));
        assertThat(ldap.trustStore()).contains(dir.resolve("ca.pem").toAbsolutePath().normalize());
        assertThat(ldap.bindPasswordFile()).contains(dir.resolve("bind.secret").toAbsolutePath().normalize());
        assertThat(ldap.userFilter()).isEqualTo("(sAMAccountName={user})");
        assertThat(ldap.appliesTo("vpn1")).isTrue();
        assertThat(ldap.appliesTo("wifi")).isFalse();
        assertThat(ldap.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ldap.poolSize()).isEqualTo(8);
    }

    @Test
    void templateModeAppliesToEveryClientWithDefaults() throws Exception {
        LdapConfig ldap = loader.load(write("ldap:", "  servers: [\"ldap://dc1.example.org\"]", "  start-tls: true",
                "  user-dn: \"{user}@example.org\"")).ldap().orElseThrow();

        assertThat(ldap.startTls()).isTrue();
        assertThat(ldap.userDnTemplate()).contains("{user}@example.org");
        assertThat(ldap.appliesTo("anything")).isTrue();
        assertThat(ldap.timeout()).isEqualTo(LdapConfig.DEFAULT_TIMEOUT);
        assertThat(ldap.poolSize()).isEqualTo(LdapConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void reportsEveryMistakeWithItsLine() throws IOException {
        Path file = write(
                "ldap:",
                "  servers: [\"http://dc1.example.org\"]",
                "  start-tls: maybe",
                "  bind-dn: \"cn=keyfob,dc=example,dc=org\"",
                "  user-dn: \"uid=alice,dc=example,dc=org\"",
                "  base-dn: \"dc=example,dc=org\"",
                "  timeout: 600",
                "  bind-password: inline-secret");

        assertThat(problemsOf(file)).containsExactly(
                "keyfob.yaml:2: ldap.servers[0] = http://dc1.example.org is not an ldap:// or ldaps:// URL with a"
                        + " host, such as ldaps://dc1.example.org:636",
                "keyfob.yaml:2: ldap.servers lists no usable server",
                "keyfob.yaml:2: ldap: bind-dn and bind-password-file go together; set both, or neither for an"
                        + " anonymous search",
                "keyfob.yaml:2: ldap: set exactly one of user-dn (a DN or UPN template) and base-dn (search for the"
                        + " user's DN)",
                "keyfob.yaml:3: ldap.start-tls = maybe is not true or false",
                "keyfob.yaml:5: ldap.user-dn has no {user}; write where the user name goes, e.g."
                        + " uid={user},ou=people,dc=example,dc=org",
                "keyfob.yaml:7: ldap.timeout = 600 is outside 1..60",
                "keyfob.yaml:8: unknown key ldap.bind-password; expected one of: servers, start-tls, trust-store,"
                        + " bind-dn, bind-password-file, user-dn, base-dn, user-filter, group-dn, clients, timeout,"
                        + " pool-size");
    }

    @Test
    void missingPasswordFileIsNamed() throws IOException {
        Path file = write("ldap:", "  servers: [\"ldaps://dc1.example.org\"]", "  bind-dn: \"cn=k,dc=example,dc=org\"",
                "  bind-password-file: nowhere.secret", "  base-dn: \"dc=example,dc=org\"");

        assertThat(problemsOf(file)).singleElement().asString()
                .startsWith("keyfob.yaml:4: ldap.bind-password-file = nowhere.secret: no readable file at ");
    }
}
