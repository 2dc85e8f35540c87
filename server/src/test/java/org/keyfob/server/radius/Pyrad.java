package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pyrad script from the test resources ({@code pyrad/*.py}) with Debian's python3 (which
 * has python3-pyrad; a pyenv python3 earlier on PATH may not) and reads the {@code key=value}
 * lines it prints. Tests make their verdicts on those facts.
 */
final class Pyrad {
    private static final String PYTHON = "/usr/bin/python3";

    private Pyrad() {
    }

    static void assumeInstalled() {
        assumeTrue(importable(), "pyrad is not importable by " + PYTHON + "; install the Debian package python3-pyrad");
    }

    /** Runs {@code script} with the dictionary, then {@code args}; every output line must be key=value. */
    static Map<String, String> run(String script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(PYTHON, resource("pyrad/" + script).toString(),
                resource("pyrad/dictionary").toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).describedAs("the script finished").isTrue();
        assertThat(p.exitValue()).describedAs("exit code; output:%n%s", output).isZero();
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            int eq = line.indexOf('=');
            assertThat(eq).describedAs("a key=value line, was: %s%nwhole output:%n%s", line, output).isPositive();
            facts.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return facts;
    }

    private static boolean importable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pyrad").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        Path path = Path.of(Pyrad.class.getClassLoader().getResource(name).toURI());
        assertThat(Files.isRegularFile(path)).describedAs("test resource %s", name).isTrue();
        return path;
    }
}
