package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real file system that runs out of space: a small tmpfs mounted on a test's directory, and a
 * ballast file that fills it. Mounting needs root (CI runs as root); elsewhere the test is skipped
 * with a message saying so.
 */
final class FullDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path ballast;

    private FullDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve("ballast");
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code mountPoint}, which is created if missing. */
    static FullDisk mount(Path mountPoint, int kilobytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "cannot mount a tmpfs to fill up (needs root): run the tests as root, as CI does,"
                + " to test a full disk");
        return new FullDisk(mountPoint);
    }

    /** Writes the ballast until the file system refuses with "No space left on device". */
    void fill() throws IOException {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(page);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left");
            return;
        }
        throw new AssertionError("the tmpfs on " + mountPoint + " did not fill up");
    }

    /** Deletes the ballast: the file system has room again. */
    void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        assertThat(run("umount", "-l", mountPoint.toString())).describedAs("unmounted " + mountPoint).isTrue();
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
