package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FreeRADIUS's {@code radclient} and {@code oathtool} as subprocesses: real peers written by other
 * people, so the server is checked against someone else's reading of the RFCs.
 */
final class Radclient {
    private Radclient() {
    }

    record Result(int exitCode, String output) {
        boolean accepted() {
            return output.contains("Received Access-Accept");
        }

        boolean rejected() {
            return output.contains("Received Access-Reject");
        }

        boolean unanswered() {
            return output.contains("No reply from server");
        }
    }

    static void assumeInstalled() {
        assumeTrue(runs("radclient", "-h"), "radclient is not installed; install the Debian package freeradius-utils");
        assumeTrue(runs("oathtool", "--version"), "oathtool is not installed; install the Debian package oathtool");
    }

    /**
     * Sends one request ({@code command} is auth or status) with the attribute lines on stdin; one
     * try, a 2 s wait for the answer.
     */
    static Result send(int port, String command, String secret, String... attributeLines) throws Exception {
        return send(port, 2, command, secret, attributeLines);
    }

    /** As above, waiting up to {@code waitSeconds} for the answer (a proxy in between may need longer). */
    static Result send(int port, int waitSeconds, String command, String secret, String... attributeLines)
            throws Exception {
        List<String> argv = List.of("radclient", "-x", "-t", Integer.toString(waitSeconds), "-r", "1",
                "127.0.0.1:" + port, command, secret);
        return run(argv, String.join("\n", attributeLines) + "\n");
    }

    /** The HOTP code oathtool computes for {@code counter}, independently of oath-core. */
    static String oathtool(String seedHex, long counter) throws Exception {
        Result r = run(List.of("oathtool", "--hotp", "-d", "6", "-c", Long.toString(counter), seedHex), "");
        assertThat(r.exitCode()).describedAs("oathtool: %s", r.output()).isZero();
        return r.output().strip();
    }

    private static boolean runs(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result run(List<String> argv, String stdin) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).describedAs("%s finished", argv.get(0)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
