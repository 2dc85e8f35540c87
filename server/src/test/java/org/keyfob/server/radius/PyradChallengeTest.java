package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    @TempDir
    Path dir;

    @Test
    @DisplayName("RFC 2865 §4.4: PIN gets Access-Challenge with State, the code with that State is accepted,"
            + " and the State works only once")
    void pinThenCodeWithStateIsAcceptedAndTheStateCannotBeReused() throws Exception {
        Pyrad.assumeInstalled();

        try (RunningServer server = RunningServer.start(dir,
                RunningServer.client(Optional.of(PasswordMode.CHALLENGE), false))) {
            Map<String, String> facts = Pyrad.run("challenge_round_trip.py", "127.0.0.1", Integer.toString(server.port()), SECRET, USER, PIN,
                    RunningServer.code(0));

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
}
