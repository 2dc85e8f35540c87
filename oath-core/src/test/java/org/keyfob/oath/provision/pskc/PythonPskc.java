package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/resources/pskc/write_pskc.py} and {@code read_pskc.py} (python-pskc,
 * Debian package python3-pskc) and {@code oathtool}, the independent writer and code generator the cross-checks compare with.
 */
final class PythonPskc {
    private static final Path SCRIPT = Path.of("src/test/resources/pskc/write_pskc.py");
    private static final Path READER = Path.of("src/test/resources/pskc/read_pskc.py");

    private PythonPskc() {
    }

    /** A python3 that can import pskc: the system one first, since pyenv shims often lack it. */
    static Optional<String> interpreter() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import pskc").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException | InterruptedException e) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    static boolean hasOathtool() {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "oathtool")));
    }

    /** Writes {@code specJson} to {@code dir}, runs the script, returns the PSKC file it wrote. */
    static Path write(String python, Path dir, String specJson) throws IOException, InterruptedException {
        Path spec = Files.writeString(dir.resolve("spec.json"), specJson);
        Path out = dir.resolve("keys.pskcxml");
        String output = run(List.of(python, SCRIPT.toString(), spec.toString(), out.toString()));
        assertThat(out).describedAs(output).exists();
        return out;
    }

    /**
     * Runs {@code read_pskc.py} on {@code file} with {@code passphrase} on its standard input;
     * returns its lines, one per key (fields tab-separated, see the script).
     */
    static List<String> read(String python, Path file, String passphrase) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, READER.toString(), file.toString()).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write((passphrase + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).describedAs("read_pskc.py timed out").isTrue();
        assertThat(p.exitValue()).describedAs("read_pskc.py: %s", err).isZero();
        return out.lines().toList();
    }

    static String oathtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).describedAs("%s timed out", command).isTrue();
        assertThat(p.exitValue()).describedAs("%s: %s", command, out).isZero();
        return out;
    }
}
