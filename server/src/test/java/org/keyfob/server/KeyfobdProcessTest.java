package org.keyfob.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.server.radsec.TestPki;

/**
 * Runs keyfobd as an admin would: its own JVM, the shipped etc/logback.xml, stopped by SIGTERM.
 * Only the log lines are checked, not how long anything took.
 */
class KeyfobdProcessTest {

    private static final String END_OF_OUTPUT = "\u0000end of output";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void logsThatItListensAndStopsCleanlyOnSigterm() throws Exception {
        int port = freeUdpPort();
        Path config = Files.writeString(dir.resolve("keyfob.yaml"),
                "radius:\n  listen: [127.0.0.1]\n  port: " + port + "\nstore:\n  data-dir: data\n");
        Path logback = Path.of("..", "etc", "logback.xml").toAbsolutePath().normalize();
        assertThat(logback).describedAs("the shipped etc/logback.xml").exists();

        process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"),
                Keyfobd.class.getName(),
                "--config", config.toString()))
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = readLinesInBackground(process);

        String listening = awaitLine(lines, "listening on");
        assertThat(listening)
                .contains(" INFO ")
                .contains("127.0.0.1:" + port)
                .contains("store jdbc:h2:file:" + dir.resolve("data").resolve("keyfob"))
                .contains("key file " + dir.resolve("data").resolve("keyfob.key"))
                .contains("config " + config);

        // SIGTERM, as Process.destroy() sends, but through the handle: Process.destroy() also
        // closes our end of the output pipe, and the "stopped" line would be lost.
        process.toHandle().destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).describedAs("keyfobd exits after SIGTERM").isTrue();
        assertThat(process.exitValue()).describedAs("a stop asked for is a clean exit").isZero();
        assertThat(awaitLine(lines, "stopped")).contains(" INFO ");
        assertThat(dir.resolve("data").resolve("keyfob.mv.db")).describedAs("the embedded H2 store").exists();
    }

    @Test
    void servesRadsecWhenTheFileHasARadsecSectionAndCountsItsConnectionsAtStop() throws Exception {
        TestPki.assumeOpensslInstalled();
        TestPki pki = TestPki.create(dir.resolve("pki"));
        int port = freeTcpPort();
        Path config = Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n",
                "radius:",
                "  listen: [127.0.0.1]",
                "  port: " + freeUdpPort(),
                "store:",
                "  data-dir: data",
                "radsec:",
                "  listen: [127.0.0.1]",
                "  port: " + port,
                "  certificate: pki/server.pem",
                "  private-key: pki/server.key",
                "  ca: pki/ca.pem",
                "  clients:",
                "    - name: proxy1",
                "      dns-name: " + TestPki.PROXY_DNS,
                ""));
        process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + Path.of("..", "etc", "logback.xml").toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"),
                Keyfobd.class.getName(),
                "--config", config.toString()))
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = readLinesInBackground(process);

        assertThat(awaitLine(lines, "RadSec (RADIUS over TLS) listening on"))
                .contains(" INFO ").contains("127.0.0.1:" + port).contains("1 RadSec clients");
        try (SSLSocket socket = (SSLSocket) pki.clientContext("proxy").getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            assertThat(awaitLine(lines, "RadSec connection from")).contains("is client proxy1");
        }
        process.toHandle().destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).describedAs("keyfobd exits after SIGTERM").isTrue();
        assertThat(awaitLine(lines, "stopped")).contains("radsec_connections=1");
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static BlockingQueue<String> readLinesInBackground(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reading keyfobd's output failed: " + e);
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }, "keyfobd-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The first line containing {@code text}; fails, showing what was seen, at end of output or after 30 s. */
    private static String awaitLine(BlockingQueue<String> lines, String text) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        while (true) {
            String line = lines.poll(30, TimeUnit.SECONDS);
            assertThat(line != null && !line.equals(END_OF_OUTPUT))
                    .describedAs("a line containing '%s' from keyfobd; it printed:%n%s", text, seen)
                    .isTrue();
            if (line.contains(text)) {
                return line;
            }
            seen.append(line).append('\n');
        }
    }
}
