package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.seedFor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.LockoutPolicy;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;
import org.keyfob.oath.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that is killed (SIGKILL: no shutdown hook, no connection closed politely) must not
 * forget a code it told a user was good, or the code could be used again (RFC 4226 §7.2).
 *
 * <p>{@link CrashRecoveryChild} runs in its own JVM and reports each accepted code after its
 * write is committed. This test kills it after a random number of reports, opens the store again
 * (Flyway validates the schema on open), and checks that every reported code is now refused and
 * that the stored counter is past the last report, and that every accept the store holds has its
 * audit row (written by the group commit in the same transaction). On H2 the child is the only process with the
 * file open, so the kill leaves H2's lock file and a half-written log behind it; on PostgreSQL the
 * server survives and must roll back the child's unfinished transaction. Three kills per backend,
 * each child continuing from where the last one died.
 *
 * <p>This covers a process crash, not a power cut: neither database is asked here to prove that
 * its commits reached the disk platter.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class CrashRecoveryTest {
    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final Serial SERIAL = new Serial("CRASH-1");
    private static final int KILLS = 3;
    /** Exit status of a JVM killed by SIGKILL (128 + 9). */
    private static final int KILLED = 137;
    /** Rechecks every reported code: threshold 0, so hundreds of replays do not lock the token. */
    private static final Verifier VERIFIER =
            new Verifier(OtpPolicy.DEFAULT.withLockout(new LockoutPolicy(0, Duration.ofMinutes(15))));

    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private Process child;

    @BeforeEach
    void addToken() {
        fixture = new StoreFixture(backend, tempDir);
        // Closed at once: on H2 the child must own the file, not reach it through this JVM's AUTO_SERVER.
        try (JdbiStore setup = fixture.open()) {
            CrashRecoveryChild.seed(setup, SERIAL);
        }
    }

    @AfterEach
    void close() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        fixture.close();
    }

    @Test
    void codesReportedAcceptedStayUsedAfterTheServerIsKilled() throws Exception {
        // To replay a failure, run with -Dkeyfob.test.seed=<the seed in its message>.
        long seed = Long.getLong("keyfob.test.seed", new SecureRandom().nextLong());
        Random random = new Random(seed);
        List<Long> reported = new ArrayList<>();
        long expectedStart = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            int killAfter = 50 + random.nextInt(451);
            String run = "seed " + seed + ", kill " + kill + " of " + KILLS + " after " + killAfter + " reports";
            ChildRun result = runAndKill(killAfter);

            assertThat(result.exitStatus()).describedAs("%s: exit status (stderr: %s)", run, result.stderr())
                    .isEqualTo(KILLED);
            assertThat(result.start()).describedAs("%s: counter the child started from", run)
                    .isEqualTo(expectedStart);
            assertThat(result.accepted()).describedAs("%s: reported counters, in order", run)
                    .hasSizeGreaterThanOrEqualTo(killAfter)
                    .isEqualTo(consecutive(expectedStart, result.accepted().size()));
            reported.addAll(result.accepted());
            long last = reported.get(reported.size() - 1);

            try (JdbiStore reopened = fixture.open()) {
                assertThat(reopened.tokens().count()).describedAs("%s: tokens after reopening", run).isEqualTo(1);
                TokenState stored = reopened.tokens().find(SERIAL).orElseThrow().token().state();
                log.info("{} {}: {} reported, {} read after the kill signal; stored counter {}, last reported {}",
                        backend, run, result.accepted().size(), result.accepted().size() - killAfter,
                        stored.counter(), last);
                // At most one accept can be committed but not yet reported when the kill lands.
                assertThat(stored.counter()).describedAs("%s: stored counter; last reported %d", run, last)
                        .isBetween(last + 1, last + 2);
                // The token started at counter 0 and each accept moved it by one, in one transaction
                // with its audit row: a row per stored accept, no more and no less.
                assertThat(reopened.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                        .describedAs("%s: login audit rows; stored counter %d", run, stored.counter())
                        .hasSize((int) stored.counter());

                TokenCheck check = new TokenCheck(reopened.tokens(), VERIFIER);
                List<String> accepted = new ArrayList<>();
                for (long counter : reported) {
                    Verification v = TestLogins.check(check, reopened.tokens(), SERIAL, code(counter), NOW,
                            CrashRecoveryChild.USER);
                    if (!(v instanceof Rejected r && (r.reason() == Reason.REPLAY || r.reason() == Reason.NO_MATCH))) {
                        accepted.add("counter " + counter + ": " + v);
                    }
                }
                assertThat(accepted).describedAs("%s: reported codes not refused after the kill", run).isEmpty();
                assertThat(reopened.tokens().find(SERIAL).orElseThrow().token().state().counter())
                        .describedAs("%s: counter after refusing old codes", run).isEqualTo(stored.counter());
                expectedStart = stored.counter();
            }
        }
    }

    private static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, seedFor(SERIAL.value()), counter, 6);
    }

    private static List<Long> consecutive(long from, int count) {
        List<Long> out = new ArrayList<>(count);
        for (long c = from; c < from + count; c++) {
            out.add(c);
        }
        return out;
    }

    /** What one child said before and after its kill, and how it ended. */
    private record ChildRun(long start, List<Long> accepted, int exitStatus, String stderr) {
    }

    /**
     * Starts a child, kills it as soon as it has reported {@code killAfter} accepted codes, and
     * reads on to the end of its output: codes it wrote before the signal landed were reported too.
     */
    private ChildRun runAndKill(int killAfter) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(tempDir, "child", ".err");
        StoreSettings settings = fixture.settings();
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashRecoveryChild.class.getName(),
                settings.url(), settings.user().orElse("-"), fixture.keyFile().toString(), SERIAL.value())
                .redirectError(stderr.toFile())
                .start();
        long start = -1;
        List<Long> accepted = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("start ")) {
                    start = Long.parseLong(line.substring(6));
                } else if (line.startsWith("accepted ")) {
                    accepted.add(Long.parseLong(line.substring(9)));
                    if (accepted.size() == killAfter) {
                        // Through the handle: Process.destroyForcibly would also close our end of
                        // stdout, losing the lines the child wrote before the signal landed.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        }
        int status = child.waitFor();
        return new ChildRun(start, accepted, status, Files.readString(stderr));
    }
}
