package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, run as written: the sh block after the {@code walk-through} marker is
 * given to {@code bash -eu} in an unpacked release tarball, with keyfobd from that tarball running
 * on its packaged configuration (127.0.0.1:1812, data under the tarball's data/). Any command that
 * fails and is not guarded in the README itself fails this test.
 */
class ReadmeWalkthroughIT {
    private static final String VERSION = System.getProperty("keyfob.version");
    private static final String MARKER = "<!-- walk-through:";
    private static final int RADIUS_PORT = 1812;

    @TempDir
    Path dir;

    static String walkthrough(List<String> readme) {
        int marker = indexOf(readme, 0, l -> l.startsWith(MARKER));
        int open = indexOf(readme, marker, l -> l.equals("```sh"));
        int close = indexOf(readme, open + 1, l -> l.equals("```"));
        return String.join("\n", readme.subList(open + 1, close)) + "\n";
    }

    private static int indexOf(List<String> lines, int from, java.util.function.Predicate<String> p) {
        for (int i = from; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("README.md has no line after " + from + " as the walk-through test expects");
    }

    @Test
    void theReadmeWalkThroughRunsAsWrittenAgainstARealKeyfobd() throws Exception {
        assertThat(Command.onPath("radtest") && Command.onPath("oathtool"))
                .describedAs("radtest and oathtool (Debian packages freeradius-utils, oathtool; see .ci/run)").isTrue();
        requireFreePort();
        Path tarball = Path.of(System.getProperty("keyfob.tarball"));
        assertThat(Command.run("tar", "-xzf", tarball.toString(), "-C", dir.toString()).exit()).isZero();
        Path home = dir.resolve("keyfob-" + VERSION);
        String script = walkthrough(Files.readAllLines(home.resolve("README.md"), StandardCharsets.UTF_8));

        Process keyfobd = new ProcessBuilder(home.resolve("bin/keyfobd").toString()).directory(home.toFile())
                .redirectErrorStream(true).start();
        StringBuffer serverLog = new StringBuffer();
        CountDownLatch ready = new CountDownLatch(1);
        AtomicBoolean listening = new AtomicBoolean();
        Thread reader = new Thread(() -> drain(keyfobd, serverLog, ready, listening), "keyfobd-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(ready.await(3, TimeUnit.MINUTES) && listening.get())
                    .describedAs("keyfobd started and listened; it printed:\n%s", serverLog).isTrue();
            Process bash = new ProcessBuilder("bash", "-eu").directory(home.toFile()).redirectErrorStream(true).start();
            bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            bash.getOutputStream().close();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(bash.exitValue()).describedAs("the walk-through failed; it printed:\n%s\nkeyfobd:\n%s",
                    output, serverLog).isZero();
            assertThat(output).containsSubsequence("added client localhost", "imported 2 tokens",
                    "assigned DEMO-1 to alice", "Access-Accept", "Access-Reject", "rejected: a code works once",
                    "resynchronised ACCEPT serial=DEMO-1 factor=201", "Access-Accept", "DEMO-1 is now REVOKED_LOST",
                    "Access-Reject", "rejected: DEMO-1 is revoked", "E_TOKEN_STATE_CHANGED");
            String os = System.getProperty("user.name");
            assertThat(output).containsPattern("E_TOKEN_RESYNCED +admin:" + os + " +alice +DEMO-1")
                    .containsPattern("E_TOKEN_STATE_CHANGED +admin:" + os).contains("E_LOGIN_SUCCEEDED")
                    .contains("reason=REPLAY").contains("reason=REVOKED");
            assertThat(serverLog.toString()).contains("user=alice nas=localhost result=ACCEPT")
                    .doesNotContain("3132333435363738393031323334353637383930");
        } finally {
            keyfobd.destroy();
            keyfobd.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static void drain(Process process, StringBuffer log, CountDownLatch ready, AtomicBoolean listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.append(line).append('\n');
                if (line.contains("listening on")) {
                    listening.set(true);
                    ready.countDown();
                }
            }
        } catch (java.io.IOException e) {
            log.append("(reading keyfobd's output failed: ").append(e.getMessage()).append(")\n");
        } finally {
            ready.countDown();
        }
    }

    /** The walk-through talks to the default port, as a reader's would: say so plainly if it is taken. */
    private static void requireFreePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), RADIUS_PORT))) {
            assertThat(probe.isBound()).isTrue();
        } catch (SocketException e) {
            fail("UDP 127.0.0.1:" + RADIUS_PORT + " is in use (" + e.getMessage() + "); the README walk-through uses"
                    + " keyfobd's default port: stop the RADIUS server using it and run the test again");
        }
    }
}
