package org.keyfob.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion, standard error merged into the output, and says what it printed. */
record Command(int exit, String output) {

    static Command run(long timeoutMinutes, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutMinutes
                    + " minutes");
        }
        return new Command(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Command run(String... command) throws IOException, InterruptedException {
        return run(5, List.of(command));
    }

    static boolean onPath(String program) throws IOException, InterruptedException {
        return run("sh", "-c", "command -v " + program).exit() == 0;
    }

    @Override
    public String toString() {
        return "exit " + exit + ", output:\n" + output;
    }
}
