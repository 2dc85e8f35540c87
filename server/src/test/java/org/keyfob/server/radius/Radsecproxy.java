package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.keyfob.server.radsec.TestPki;

/**
 * Debian's {@code radsecproxy} as a real RadSec peer: it takes RADIUS over UDP from radclient on
 * a free port and forwards it over TLS to Keyfob, presenting one of the test PKI's client
 * certificates. Runs in the foreground ({@code -f}) with its config and log in a test directory.
 */
final class Radsecproxy implements AutoCloseable {
    /** The UDP shared secret between radclient and radsecproxy (not Keyfob's: that is "radsec"). */
    static final String UDP_SECRET = "radclient-to-radsecproxy-5c1e";

    private final Process process;
    private final Path log;
    final int udpPort;

    private Radsecproxy(Process process, Path log, int udpPort) {
        this.process = process;
        this.log = log;
        this.udpPort = udpPort;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/radsecproxy")),
                "radsecproxy is not installed; install the Debian package radsecproxy");
    }

    /** Starts radsecproxy presenting {@code certificate} from {@code pki} to Keyfob on {@code keyfobPort}. */
    static Radsecproxy start(Path dir, TestPki pki, String certificate, int keyfobPort) throws Exception {
        Files.createDirectories(dir);
        int udpPort = freeUdpPort();
        Path config = Files.writeString(dir.resolve("radsecproxy.conf"), String.join("\n",
                "ListenUDP 127.0.0.1:" + udpPort,
                "tls default {",
                "    CACertificateFile " + pki.pem("ca"),
                "    CertificateFile " + pki.pem(certificate),
                "    CertificateKeyFile " + pki.key(certificate),
                "    TlsVersion TLS1_2:",
                "}",
                "client radclient {",
                "    host 127.0.0.1",
                "    type udp",
                "    secret " + UDP_SECRET,
                "}",
                "server keyfob {",
                "    host 127.0.0.1",
                "    port " + keyfobPort,
                "    type tls",
                "    secret radsec",
                "    StatusServer on",
                "}",
                "realm * {",
                "    server keyfob",
                "}",
                ""));
        Path log = dir.resolve("radsecproxy.log");
        Process process = new ProcessBuilder("/usr/sbin/radsecproxy", "-f", "-d", "4", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Radsecproxy proxy = new Radsecproxy(process, log, udpPort);
        RunningServer.awaitTrue(() -> !process.isAlive() || proxy.listening(),
                "radsecproxy to listen on UDP " + udpPort);
        assertThat(process.isAlive()).describedAs("radsecproxy exited:%n%s", proxy.log()).isTrue();
        return proxy;
    }

    /** What radsecproxy has logged so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** True once /proc/net/udp shows a socket bound to 127.0.0.1 on our port. */
    private boolean listening() {
        try {
            String wanted = String.format(Locale.ROOT, "0100007F:%04X", udpPort);
            return Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(line -> line.contains(wanted));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
