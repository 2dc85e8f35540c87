package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.seedFor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.jdbi.JournalRecord.TokenChange;
import org.keyfob.oath.store.jdbi.LoginJournal.ReadEntry;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.LockoutPolicy;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;
import org.keyfob.oath.verify.Verifier;

/**
 * A server deciding logins in memory ({@link JournaledStore}) that is killed (SIGKILL) before its
 * next checkpoint has told users codes were good that only its login journal holds. Whoever opens
 * the store next must replay the journal, so those codes are never accepted again (RFC 4226 §7.2)
 * and their counters and audit rows are in the store; and a last entry torn by the crash (a login
 * never answered) must not cost the entries before it.
 *
 * <p>The server is {@link CrashRecoveryChild} in {@code serving} mode, in its own JVM, with no
 * checkpoint for an hour: the test kills it as soon as it has reported a number of accepts, and
 * first checks that the H2 file holds none of them.
 */
class JournalCrashRecoveryTest {
    private static final Serial SERIAL = new Serial("CRASH-J");
    private static final int KILL_AFTER = 25;
    /** Exit status of a JVM killed by SIGKILL (128 + 9). */
    private static final int KILLED = 137;
    private static final Verifier VERIFIER =
            new Verifier(OtpPolicy.DEFAULT.withLockout(new LockoutPolicy(0, Duration.ofMinutes(15))));

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private Process child;

    @BeforeEach
    void addToken() {
        fixture = new StoreFixture(Backend.H2, tempDir);
        // Closed at once: the child must hold the file, or it would not own the login state.
        try (JdbiStore setup = JdbiStore.open(fixture.settings(), fixture.keys(), java.time.Clock.systemUTC())) {
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

    private Path journalDir() {
        return fixture.settings().journalDir().orElseThrow();
    }

    @Test
    void codesReportedAcceptedBeforeACheckpointStayUsedAfterTheServerIsKilled() throws Exception {
        List<Long> reported = runAndKill();
        long last = reported.get(reported.size() - 1);
        assertThat(journaledCounters()).describedAs("counters the journal holds").contains(last + 1);
        assertThat(storedCounterAndSuccessRows()).describedAs("counter and success rows in H2 before the replay")
                .containsExactly(0L, 0L);

        try (JdbiStore reopened = fixture.open()) {
            long stored = reopened.tokens().find(SERIAL).orElseThrow().token().state().counter();
            // At most one accept can be journaled but not yet reported when the kill lands.
            assertThat(stored).describedAs("stored counter; last reported %d", last).isBetween(last + 1, last + 2);
            assertThat(reopened.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                    .describedAs("login audit rows; stored counter %d", stored).hasSize((int) stored);
            assertThat(reopened.users().find(CrashRecoveryChild.USER).orElseThrow().lastSuccess())
                    .describedAs("user's last success").contains(NOW);
            assertThat(LoginJournal.segments(journalDir())).describedAs("journal segments after the replay").isEmpty();

            assertThat(acceptedAgain(reopened, reported)).describedAs("reported codes not refused after the kill")
                    .isEmpty();
            assertThat(reopened.tokens().find(SERIAL).orElseThrow().token().state().counter())
                    .describedAs("counter after refusing the reported codes").isEqualTo(stored);
        }
        assertThat(storedCounterAndSuccessRows().get(0)).describedAs("counter in H2 after the store closed")
                .isBetween(last + 1, last + 2);
    }

    @Test
    void aTornLastEntryIsIgnoredAndTheEntriesBeforeItAreReplayed() throws Exception {
        runAndKill();
        List<ReadEntry> entries = LoginJournal.read(journalDir());
        assertThat(entries).describedAs("journal entries left by the child").hasSizeGreaterThanOrEqualTo(KILL_AFTER);
        // As if the machine stopped in the middle of writing the last entry, whose login was never answered.
        List<Path> segments = LoginJournal.segments(journalDir());
        Path lastSegment = segments.get(segments.size() - 1);
        assertThat(Files.size(lastSegment)).describedAs("size of %s", lastSegment).isPositive();
        try (FileChannel c = FileChannel.open(lastSegment, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 3);
        }
        long expected = counterAfter(entries.subList(0, entries.size() - 1));
        assertThat(expected).describedAs("counter of the entries before the torn one").isPositive();

        try (JdbiStore reopened = fixture.open()) {
            assertThat(reopened.tokens().find(SERIAL).orElseThrow().token().state().counter())
                    .describedAs("stored counter: the one the last whole entry holds").isEqualTo(expected);
            assertThat(reopened.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                    .describedAs("login audit rows: one per whole entry").hasSize((int) expected);
            assertThat(LoginJournal.segments(journalDir())).describedAs("journal segments after the replay").isEmpty();
            List<Long> replayed = new ArrayList<>();
            for (long c = 0; c < expected; c++) {
                replayed.add(c);
            }
            assertThat(acceptedAgain(reopened, replayed)).describedAs("replayed codes accepted again").isEmpty();
        }
    }

    /** The highest counter a token change in {@code entries} moved the token to. */
    private static long counterAfter(List<ReadEntry> entries) {
        return entries.stream().flatMap(e -> e.records().stream()).filter(TokenChange.class::isInstance)
                .mapToLong(r -> ((TokenChange) r).state().counter()).max().orElse(0);
    }

    private List<Long> journaledCounters() {
        return LoginJournal.read(journalDir()).stream().flatMap(e -> e.records().stream())
                .filter(TokenChange.class::isInstance).map(r -> ((TokenChange) r).state().counter()).toList();
    }

    /** Read past every store: a plain connection neither replays nor fences anything. */
    private List<Long> storedCounterAndSuccessRows() throws SQLException {
        try (Connection c = fixture.jdbc(); Statement s = c.createStatement()) {
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT counter FROM tokens WHERE serial = '" + SERIAL.value() + "'")) {
                rs.next();
                out.add(rs.getLong(1));
            }
            out.add(StoredAudit.count(c, AuditEventType.E_LOGIN_SUCCEEDED));
            return out;
        }
    }

    /** The codes of {@code counters} that {@code store} accepts (each should be refused). */
    private static List<String> acceptedAgain(JdbiStore store, List<Long> counters) {
        TokenCheck check = new TokenCheck(store.tokens(), VERIFIER);
        List<String> accepted = new ArrayList<>();
        for (long counter : counters) {
            String code = Hotp.generate(HashAlgorithm.SHA1, seedFor(SERIAL.value()), counter, 6);
            Verification v = TestLogins.check(check, store.tokens(), SERIAL, code, NOW, CrashRecoveryChild.USER);
            if (!(v instanceof Rejected r && (r.reason() == Reason.REPLAY || r.reason() == Reason.NO_MATCH))) {
                accepted.add("counter " + counter + ": " + v);
            }
        }
        return accepted;
    }

    /**
     * Starts a serving child, kills it as soon as it has reported {@link #KILL_AFTER} accepts, reads
     * on to the end of its output, and returns every counter it reported, checked to be 0, 1, 2, ...
     */
    private List<Long> runAndKill() throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(tempDir, "child", ".err");
        StoreSettings settings = fixture.settings();
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashRecoveryChild.class.getName(),
                settings.url(), "-", fixture.keyFile().toString(), SERIAL.value(), "serving")
                .redirectError(stderr.toFile())
                .start();
        List<Long> accepted = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("accepted ")) {
                    accepted.add(Long.parseLong(line.substring(9)));
                    if (accepted.size() == KILL_AFTER) {
                        // Through the handle, so our end of stdout stays open for lines already written.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        }
        int status = child.waitFor();
        assertThat(status).describedAs("child's exit status (stderr: %s)", Files.readString(stderr)).isEqualTo(KILLED);
        List<Long> expected = new ArrayList<>();
        for (long c = 0; c < accepted.size(); c++) {
            expected.add(c);
        }
        assertThat(accepted).describedAs("counters the child reported").hasSizeGreaterThanOrEqualTo(KILL_AFTER)
                .isEqualTo(expected);
        return accepted;
    }
}
