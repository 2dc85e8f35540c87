package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keyfob.server.Keyfobd;

/**
 * keyfobd in a JVM of its own, as an admin runs it: {@code Keyfobd.main} with a config file and a
 * logback file, stopped by SIGTERM (or killed by SIGKILL, as a crash). Its output (stdout and
 * stderr) is read into a list as it comes, so a test can wait for a line; waits poll and fail after
 * a generous bound, never sleep a fixed time.
 */
final class KeyfobdProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private KeyfobdProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "keyfobd-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts keyfobd on {@code config}, logging through {@code logback} (e.g. the shipped etc/logback.xml). */
    static KeyfobdProcess start(Path config, Path logback) throws IOException {
        return new KeyfobdProcess(new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"),
                Keyfobd.class.getName(),
                "--config", config.toString()))
                .redirectErrorStream(true)
                .start());
    }

    /** A file in the repository's etc/ directory (the tests run in server/). */
    static Path etc(String name) {
        Path file = Path.of("..", "etc", name).toAbsolutePath().normalize();
        assertThat(file).describedAs("the shipped etc/" + name).exists();
        return file;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first line containing {@code text}; fails, showing the output, if keyfobd ends or 60 s pass first. */
    String awaitLine(String text) throws InterruptedException {
        return awaitLine(text, 1);
    }

    /** The {@code occurrence}-th line (from 1) containing {@code text}; fails as {@link #awaitLine(String)}. */
    synchronized String awaitLine(String text, int occurrence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            int seen = 0;
            for (String line : lines) {
                if (line.contains(text) && ++seen == occurrence) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(!ended && left > 0)
                    .describedAs("line %d containing '%s' from keyfobd; it printed:%n%s", occurrence, text,
                            String.join("\n", lines))
                    .isTrue();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every line so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Sends SIGTERM, waits for the exit and the end of the output, and returns all of it. */
    List<String> stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the output pipe.
        process.toHandle().destroy();
        return awaitEnd("SIGTERM");
    }

    /**
     * Sends SIGKILL, as a crash or the kernel's OOM killer would: no shutdown hook runs. Waits for
     * the exit and the end of the output, and returns all of it.
     */
    List<String> kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitEnd("SIGKILL");
    }

    private List<String> awaitEnd(String signal) throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).describedAs("keyfobd exits after " + signal).isTrue();
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ended && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("reading keyfobd's output failed: " + e);
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }
}
