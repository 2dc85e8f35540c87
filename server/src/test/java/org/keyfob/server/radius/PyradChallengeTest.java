package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.AuditEventType;

/**
 * The challenge flow through pyrad, a second independent RADIUS client: PIN first, then the code
 * with the State the server handed out. The script is {@code pyrad/challenge_round_trip.py} in the
 * test resources; it prints {@code key=value} lines and the verdicts are made here.
 */
class PyradChallengeTest {
    /** Debian's python3, which has python3-pyrad; a pyenv python3 earlier on PATH may not. */
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    @DisplayName("RFC 2865 §4.4: PIN gets Access-Challenge with State, the code with that State is accepted,"
            + " and the State works only once")
    void pinThenCodeWithStateIsAcceptedAndTheStateCannotBeReused() throws Exception {
        assumeTrue(pyradInstalled(), "pyrad is not importable by " + PYTHON
                + "; install the Debian package python3-pyrad");

        try (RunningServer server = RunningServer.start(dir,
                RunningServer.client(Optional.of(PasswordMode.CHALLENGE), false))) {
            Map<String, String> facts = runScript(server.port(), RunningServer.code(0));

            assertThat(facts).containsEntry("first", "Access-Challenge")
                    .containsEntry("first.reply-message", "Enter the code from your token")
                    .containsKey("first.state")
                    .containsEntry("second", "Access-Accept")
                    .containsEntry("third", "Access-Reject");
            assertThat(facts.get("first.state")).describedAs("State, hex").matches("[0-9a-f]{32,}");
            assertThat(server.counter("challenges")).isEqualTo(1);
            assertThat(server.counter("accepts")).isEqualTo(1);
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(1);
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=CHALLENGE_EXPIRED");
        }
    }

    private static boolean pyradInstalled() {
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

    private static Map<String, String> runScript(int port, String code) throws Exception {
        Process p = new ProcessBuilder(PYTHON, resource("pyrad/challenge_round_trip.py").toString(),
                resource("pyrad/dictionary").toString(), "127.0.0.1", Integer.toString(port), SECRET, USER, PIN, code)
                .redirectErrorStream(true).start();
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

    private static Path resource(String name) throws URISyntaxException {
        Path path = Path.of(PyradChallengeTest.class.getClassLoader().getResource(name).toURI());
        assertThat(Files.isRegularFile(path)).describedAs("test resource %s", name).isTrue();
        return path;
    }
}
