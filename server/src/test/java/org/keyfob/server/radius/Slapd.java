package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenLDAP's {@code slapd} from Debian as a child process, configured entirely in a temporary
 * directory: a {@code slapd.conf} ({@code -f}) with the core, cosine, inetorgperson and nis
 * schemas and one mdb database for {@value #BASE}, loaded offline with {@code slapadd}, listening
 * on two free loopback ports, {@code ldap://} (StartTLS offered) and {@code ldaps://}, with a
 * self-signed certificate for 127.0.0.1 made by {@code openssl}. The entries: the service account
 * {@value #SERVICE_DN}, people under {@code ou=people}, and the group {@value #GROUP_DN}.
 */
final class Slapd implements AutoCloseable {
    static final String BASE = "dc=example,dc=org";
    static final String SERVICE_DN = "cn=keyfob,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "svc-Secret-42";
    static final String GROUP_DN = "cn=vpn-users,ou=groups," + BASE;

    private final Path dir;
    private final int ldapPort;
    private final int ldapsPort;
    private Process process;

    private Slapd(Path dir, int ldapPort, int ldapsPort) {
        this.dir = dir;
        this.ldapPort = ldapPort;
        this.ldapsPort = ldapsPort;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/slapd")) && Files.isExecutable(Path.of("/usr/sbin/slapadd")),
                "slapd is not installed; install the Debian packages slapd and ldap-utils");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    }

    /**
     * Writes the configuration and data into {@code dir} and starts slapd.
     *
     * @param people uid and password of each person; {@code members} are put in the group
     */
    static Slapd start(Path dir, List<String[]> people, List<String> members) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                "-out", "server.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include /etc/ldap/schema/nis.schema",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "pidfile " + dir.resolve("slapd.pid"),
                "TLSCertificateFile " + dir.resolve("server.pem"),
                "TLSCertificateKeyFile " + dir.resolve("server.key"),
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + BASE + "\"",
                "rootdn \"cn=admin," + BASE + "\"",
                "directory " + dir.resolve("db"),
                ""));
        StringBuilder ldif = new StringBuilder();
        entry(ldif, BASE, "objectClass: domain", "dc: example");
        for (String ou : List.of("people", "services", "groups")) {
            entry(ldif, "ou=" + ou + "," + BASE, "objectClass: organizationalUnit", "ou: " + ou);
        }
        entry(ldif, SERVICE_DN, "objectClass: person", "cn: keyfob", "sn: keyfob", "userPassword: " + SERVICE_PASSWORD);
        for (String[] person : people) {
            entry(ldif, "uid=" + person[0] + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + person[0],
                    "cn: " + person[0], "sn: " + person[0], "userPassword: " + person[1]);
        }
        StringBuilder group = new StringBuilder("objectClass: groupOfNames\ncn: vpn-users");
        members.forEach(m -> group.append("\nmember: uid=").append(m).append(",ou=people,").append(BASE));
        entry(ldif, GROUP_DN, group.toString());
        Files.writeString(dir.resolve("data.ldif"), ldif);
        run(dir, "/usr/sbin/slapadd", "-f", "slapd.conf", "-l", "data.ldif");
        Slapd slapd = new Slapd(dir, KeyfobdProcess.freeTcpPort(), KeyfobdProcess.freeTcpPort());
        slapd.startProcess();
        return slapd;
    }

    private void startProcess() throws Exception {
        // -d 0: stay in the foreground (a child we can stop) without debug output.
        process = new ProcessBuilder("/usr/sbin/slapd", "-d", "0", "-f", dir.resolve("slapd.conf").toString(),
                "-h", ldapUrl() + "/ " + ldapsUrl() + "/")
                .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(ldapPort) || !accepts(ldapsPort)) {
            assertThat(process.isAlive() && System.nanoTime() < deadline)
                    .describedAs("slapd listening; its log:%n%s", Files.readString(dir.resolve("slapd.log"))).isTrue();
            TimeUnit.MILLISECONDS.sleep(20); // polling for readiness, not timing anything
        }
    }

    String ldapUrl() {
        return "ldap://127.0.0.1:" + ldapPort;
    }

    String ldapsUrl() {
        return "ldaps://127.0.0.1:" + ldapsPort;
    }

    /** The self-signed certificate slapd presents: the trust store to give keyfobd. */
    Path certificate() {
        return dir.resolve("server.pem");
    }

    /** Stops slapd (SIGTERM) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).describedAs("slapd exits after SIGTERM").isTrue();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void entry(StringBuilder ldif, String dn, String... lines) {
        ldif.append("dn: ").append(dn).append('\n');
        for (String line : lines) {
            ldif.append(line).append('\n');
        }
        ldif.append('\n');
    }

    private static void run(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .describedAs("%s succeeds; it printed:%n%s", argv[0], output).isTrue();
    }
}
