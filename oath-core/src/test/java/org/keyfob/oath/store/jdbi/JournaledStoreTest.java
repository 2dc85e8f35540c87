package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.AuthDecision;
import org.keyfob.oath.auth.AuthDecision.Accept;
import org.keyfob.oath.auth.AuthDecision.Reject;
import org.keyfob.oath.auth.AuthPolicy;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.Login;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.auth.RejectReason;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Durability;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.LockoutPolicy;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;
import org.slf4j.LoggerFactory;

/**
 * The server's embedded store decides logins in memory and journals them ({@link JournaledStore}).
 * What it decides must reach the H2 file at a checkpoint and at close; one code must still be
 * accepted once however many requests carry it (RFC 4226 §7.2); and while another store has the
 * file open (the admin tool) logins must run on the store, so an admin's change counts at once
 * and neither side accepts a code the other accepted.
 *
 * <p>Logins run through the {@link Authenticator}, as in the server. The H2 file is read with a
 * plain JDBC connection, past every store, so what it holds is what a crash would leave.
 */
class JournaledStoreTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor NAS = Actor.client("vpn1");
    private static final Serial SERIAL = new Serial("HOTP-1");
    private static final String USER = "bob";
    private static final String PIN = "4711";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** No checkpoint behind the test's back: it runs them itself, or closes the store. */
    private static final Duration NEVER = Duration.ofHours(1);
    /** Threshold 0: replays count failures but never lock, so a race measures the race alone. */
    private static final LockoutPolicy NO_LOCKOUT = new LockoutPolicy(0, Duration.ofMinutes(15));
    private static final Verifier VERIFIER = new Verifier(OtpPolicy.DEFAULT.withLockout(NO_LOCKOUT));
    private static final AuthPolicy POLICY = new AuthPolicy(NO_LOCKOUT, Duration.ofSeconds(120), "Code?");
    private static final PinHasher HASHER = new PinHasher(1_000);

    @TempDir
    Path tempDir;

    private StoreFixture fixture;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void addUserWithToken() {
        addUserWithToken(tempDir);
    }

    /** A new store in {@code dir}, the fixture's from now on, with bob and his HOTP token. */
    private void addUserWithToken(Path dir) {
        fixture = new StoreFixture(Backend.H2, dir);
        try (JdbiStore setup = JdbiStore.open(fixture.settings(), fixture.keys(), CLOCK)) {
            setup.users().add(USER, Optional.of(HASHER.hash(PIN)), ADMIN);
            setup.tokens().addAll(List.of(StoreFixture.hotp(SERIAL.value(), 0)), ADMIN);
            setup.tokens().assign(SERIAL, USER, AssignmentLimits.ONE_TO_ONE, ADMIN);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        fixture.close();
    }

    private JournaledStore serving(Duration checkpointInterval) {
        Store store = JdbiStore.openServing(fixture.settings(), fixture.keyFile(), CLOCK, checkpointInterval);
        toClose.add(store);
        assertThat(store).describedAs("the store of a server holding the H2 file").isInstanceOf(JournaledStore.class);
        return (JournaledStore) store;
    }

    private Path journalDir() {
        return fixture.settings().journalDir().orElseThrow();
    }

    private static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, StoreFixture.seedFor(SERIAL.value()), counter, 6);
    }

    private static AuthDecision login(Store store, String pin, long counter) {
        return new Authenticator(store, VERIFIER, POLICY)
                .authenticate(new Login(USER, pin + code(counter), Optional.empty(), PasswordMode.PIN_OTP, NAS), NOW);
    }

    private static RejectReason rejectedFor(AuthDecision d) {
        assertThat(d).isInstanceOf(Reject.class);
        return ((Reject) d).reason();
    }

    // ---- the H2 file, read past every store ----

    private long storedCounter() throws SQLException {
        return queryLong("SELECT counter FROM tokens WHERE serial = ?", SERIAL.value());
    }

    private long successRows() throws SQLException {
        try (Connection c = fixture.jdbc()) {
            return StoredAudit.count(c, AuditEventType.E_LOGIN_SUCCEEDED);
        }
    }

    private long checkpointedEntry() throws SQLException {
        return queryLong("SELECT last_entry FROM " + JournalCheckpoint.TABLE + " WHERE id = ?", "1");
    }

    private Optional<Instant> storedLastSuccess() throws SQLException {
        try (Connection c = fixture.jdbc();
                PreparedStatement s = c.prepareStatement("SELECT last_success FROM users WHERE name = ?")) {
            s.setString(1, USER);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).describedAs("user row").isTrue();
                return Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class))
                        .map(java.time.OffsetDateTime::toInstant);
            }
        }
    }

    private long queryLong(String sql, String parameter) throws SQLException {
        try (Connection c = fixture.jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).describedAs("a row for %s", sql).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).describedAs("waited 30 s for: %s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    // ---- tests ----

    @Test
    void aLoginDecidedInMemoryReachesTheStoreAtTheCheckpointAndReleasesTheJournal() throws Exception {
        JournaledStore owner = serving(NEVER);

        assertThat(login(owner, PIN, 0)).isEqualTo(new Accept(USER, SERIAL));

        // In the journal, not yet in the store: a crash now is what replay is for.
        List<LoginJournal.ReadEntry> journaled = LoginJournal.read(journalDir());
        assertThat(journaled).describedAs("journal entries after one accept").isNotEmpty();
        long lastJournaled = journaled.get(journaled.size() - 1).number();
        assertThat(journaled).flatExtracting(LoginJournal.ReadEntry::records)
                .filteredOn(JournalRecord.TokenChange.class::isInstance)
                .extracting(r -> ((JournalRecord.TokenChange) r).state().counter()).containsExactly(1L);
        assertThat(storedCounter()).describedAs("counter in H2 before the checkpoint").isZero();
        assertThat(successRows()).describedAs("success rows in H2 before the checkpoint").isZero();
        assertThat(checkpointedEntry()).describedAs("journal entry the store holds").isLessThan(lastJournaled);

        owner.checkpoint();

        assertThat(storedCounter()).describedAs("counter in H2 after the checkpoint").isEqualTo(1);
        assertThat(storedLastSuccess()).describedAs("user's last success in H2").contains(NOW);
        assertThat(successRows()).describedAs("success rows in H2 after the checkpoint").isEqualTo(1);
        // Released: the store now holds every entry the journal has, so replay would add nothing.
        assertThat(checkpointedEntry()).describedAs("journal entry the store holds").isEqualTo(lastJournaled);
        assertThat(LoginJournal.read(journalDir())).extracting(LoginJournal.ReadEntry::number)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(lastJournaled));
        assertThat(rejectedFor(login(owner, PIN, 0))).isEqualTo(RejectReason.REPLAY);
    }

    @Test
    void aServerCollectingDurabilityGetsTheDecisionAtOnceAndTheJournalEntryWithTheFuture() throws Exception {
        JournaledStore owner = serving(NEVER);

        Durability.Deferred<AuthDecision> decided = Durability.collect(() -> login(owner, PIN, 0));

        assertThat(decided.value()).isEqualTo(new Accept(USER, SERIAL));
        // Used at once, whether or not its entry is on the disk yet: never accepted twice.
        assertThat(rejectedFor(login(owner, PIN, 0))).isEqualTo(RejectReason.REPLAY);
        decided.durable().get(10, TimeUnit.SECONDS);
        assertThat(LoginJournal.read(journalDir())).flatExtracting(LoginJournal.ReadEntry::records)
                .filteredOn(JournalRecord.TokenChange.class::isInstance)
                .extracting(r -> ((JournalRecord.TokenChange) r).state().counter()).contains(1L);
    }

    @Test
    void onTheStoreWhileFencedAServerCollectingDurabilityGetsAWriteThatIsAlreadyDurable() throws Exception {
        JournaledStore owner = serving(NEVER);
        owner.fence(-1);

        Durability.Deferred<AuthDecision> decided = Durability.collect(() -> login(owner, PIN, 0));

        assertThat(decided.value()).isEqualTo(new Accept(USER, SERIAL));
        assertThat(decided.durable()).describedAs("a login decided and committed on the store").isCompleted();
        assertThat(storedCounter()).isEqualTo(1);
    }

    @Test
    void ofEightConcurrentLoginsWithOneCodeExactlyOneIsAccepted() throws Exception {
        JournaledStore owner = serving(NEVER);
        int threads = 8;
        int rounds = 40;
        Authenticator authenticator = new Authenticator(owner, VERIFIER, POLICY);
        List<List<AuthDecision>> decisions = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            decisions.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        start.await();
                        decisions.get(r).add(authenticator.authenticate(new Login(USER, PIN + code(r),
                                Optional.empty(), PasswordMode.PIN_OTP, NAS), NOW));
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> wrong = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long accepts = decisions.get(r).stream().filter(Accept.class::isInstance).count();
            long replays = decisions.get(r).stream()
                    .filter(d -> d instanceof Reject j && j.reason() == RejectReason.REPLAY).count();
            if (accepts != 1 || replays != threads - 1) {
                wrong.add("round " + r + ": " + decisions.get(r));
            }
        }
        assertThat(wrong).describedAs("rounds where not exactly 1 of %d was accepted and the rest were replays",
                threads).isEmpty();
        owner.checkpoint();
        assertThat(storedCounter()).describedAs("counter in H2").isEqualTo(rounds);
        assertThat(successRows()).describedAs("success rows in H2").isEqualTo(rounds);
    }

    @Test
    void whileAnotherStoreIsOpenLoginsRunOnTheStoreAndAdminChangesCountAtOnce() throws Exception {
        JournaledStore owner = serving(JournaledStore.CHECKPOINT_INTERVAL); // its checkpoints lift the fence
        assertThat(login(owner, PIN, 0)).describedAs("code 0, in memory").isInstanceOf(Accept.class);

        JdbiStore admin = JdbiStore.open(fixture.settings(), fixture.keys(), CLOCK);
        toClose.add(admin);
        assertThat(owner.ownsLoginState()).describedAs("owner decides in memory while the admin store is open")
                .isFalse();
        assertThat(storedCounter()).describedAs("counter the fence wrote to H2").isEqualTo(1);
        // Memory -> store: the code the owner accepted in memory is used, for the admin and the owner.
        assertThat(rejectedFor(login(admin, PIN, 0))).describedAs("code 0 via the admin store")
                .isEqualTo(RejectReason.REPLAY);
        assertThat(rejectedFor(login(owner, PIN, 0))).describedAs("code 0 via the fenced owner")
                .isEqualTo(RejectReason.REPLAY);

        admin.tokens().setStatus(SERIAL, TokenStatus.DISABLED, ADMIN);
        assertThat(rejectedFor(login(owner, PIN, 1))).describedAs("the next login after the admin disabled the token")
                .isEqualTo(RejectReason.DISABLED);
        admin.tokens().setStatus(SERIAL, TokenStatus.VALID, ADMIN);
        admin.users().setPinHash(USER, Optional.of(HASHER.hash("2468")), ADMIN);
        assertThat(rejectedFor(login(owner, PIN, 1))).describedAs("the next login with the old PIN")
                .isEqualTo(RejectReason.BAD_PIN);

        assertThat(login(owner, "2468", 1)).describedAs("code 1 via the fenced owner").isInstanceOf(Accept.class);
        assertThat(storedCounter()).describedAs("counter in H2 right after the fenced accept").isEqualTo(2);
        assertThat(rejectedFor(login(admin, "2468", 1))).describedAs("code 1 via the admin store")
                .isEqualTo(RejectReason.REPLAY);
        assertThat(login(admin, "2468", 2)).describedAs("code 2 via the admin store").isInstanceOf(Accept.class);
        assertThat(rejectedFor(login(owner, "2468", 2))).describedAs("code 2 via the fenced owner")
                .isEqualTo(RejectReason.REPLAY);

        admin.close();
        awaitTrue("the owner to decide in memory again after the admin store closed", owner::ownsLoginState);

        // HOTP calls only the code just before the counter a replay; an older one matches nothing.
        assertThat(rejectedFor(login(owner, "2468", 1))).describedAs("code 1 (accepted while fenced) in memory")
                .isIn(RejectReason.REPLAY, RejectReason.NO_MATCH);
        assertThat(rejectedFor(login(owner, "2468", 2))).describedAs("code 2 (accepted by the admin) in memory")
                .isEqualTo(RejectReason.REPLAY);
        assertThat(rejectedFor(login(owner, PIN, 3))).describedAs("the old PIN, in memory").isEqualTo(RejectReason.BAD_PIN);
        assertThat(login(owner, "2468", 3)).describedAs("code 3, in memory").isInstanceOf(Accept.class);
        assertThat(owner.ownsLoginState()).isTrue();
    }

    @Test
    void aStoreOpenedToReadSeesLoginsAcceptedBeforeItOpenedWithoutFencing() throws Exception {
        JournaledStore owner = serving(NEVER);
        assertThat(login(owner, PIN, 0)).isInstanceOf(Accept.class);
        assertThat(storedCounter()).describedAs("counter in H2 before the reader opens").isZero();

        try (JdbiStore reader = JdbiStore.openToRead(fixture.settings(), fixture.keyFile(), CLOCK)) {
            assertThat(reader.tokens().find(SERIAL).orElseThrow().token().state().counter())
                    .describedAs("counter the reader sees").isEqualTo(1);
            assertThat(reader.users().find(USER).orElseThrow().lastSuccess()).contains(NOW);
            assertThat(reader.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED))).hasSize(1);

            assertThat(owner.ownsLoginState()).describedAs("owner decides in memory with a reader open").isTrue();
            assertThat(login(owner, PIN, 1)).isInstanceOf(Accept.class);
            assertThat(storedCounter()).describedAs("counter in H2 after an accept in memory").isEqualTo(1);
        }
    }

    @Test
    void closeLeavesEverythingInTheStoreAndNothingInTheJournal() throws Exception {
        JournaledStore owner = serving(NEVER);
        for (long c = 0; c < 3; c++) {
            assertThat(login(owner, PIN, c)).isInstanceOf(Accept.class);
        }
        assertThat(LoginJournal.read(journalDir())).describedAs("journal before close").isNotEmpty();

        owner.close();

        try (Stream<Path> left = Files.list(journalDir())) {
            assertThat(left).describedAs("files left in %s", journalDir()).isEmpty();
        }
        assertThat(storedCounter()).isEqualTo(3);
        assertThat(storedLastSuccess()).contains(NOW);
        assertThat(successRows()).isEqualTo(3);

        JournaledStore again = serving(NEVER);
        assertThat(rejectedFor(login(again, PIN, 2))).isEqualTo(RejectReason.REPLAY);
        assertThat(login(again, PIN, 3)).isInstanceOf(Accept.class);
    }

    @Test
    void sessionsOfAProcessThatConnectedBeforeTheOwnerAreFenced() throws Exception {
        // This JVM holds the file (and runs AUTO_SERVER), so the other process comes in over TCP.
        Connection holder = fixture.jdbc();
        toClose.add(holder);
        try (OtherProcess other = OtherProcess.withStoreOpen(tempDir, fixture.keyFile())) {
            JournaledStore owner = serving(JournaledStore.CHECKPOINT_INTERVAL);

            assertThat(owner.ownsLoginState()).describedAs("owner decides in memory while a process that connected"
                    + " before it has the store open").isFalse();
            assertThat(login(owner, PIN, 0)).isInstanceOf(Accept.class);
            assertThat(storedCounter()).describedAs("counter in H2 right after a fenced accept").isEqualTo(1);
            assertThat(other.ask("count", "count ")).isEqualTo("count 1");

            other.quit();
            awaitTrue("the owner to decide in memory after the other process closed", owner::ownsLoginState);
            assertThat(rejectedFor(login(owner, PIN, 0))).isEqualTo(RejectReason.REPLAY);
        }
    }

    @Test
    void aLoginThroughAClosedOwnerIsRefusedNotDecidedOnTheStore() throws Exception {
        JournaledStore owner = serving(NEVER);
        assertThat(login(owner, PIN, 0)).isInstanceOf(Accept.class);

        owner.close();

        assertThatThrownBy(() -> owner.tokens().findByUser(USER)).isInstanceOf(StoreException.class)
                .hasMessageContaining("stopping");
        assertThatThrownBy(() -> owner.tokens().compareAndSetState(SERIAL, 1, TokenState.initial(5)))
                .isInstanceOf(StoreException.class).hasMessageContaining("stopping");
        assertThat(storedCounter()).isEqualTo(1);
    }

    @Test
    void aLoginRefusedForAFullDiskLeavesNoAuditEventAndLoginsWorkAgainOnceThereIsRoom() throws Exception {
        try (FullDisk disk = FullDisk.mount(journalDir(), 256)) {
            JournaledStore owner = serving(NEVER);
            disk.fill();

            assertThatThrownBy(() -> login(owner, PIN, 0)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("No space left on device").hasMessageContaining("the login is refused");
            owner.checkpoint();

            // Nobody was answered, so no success is recorded; the code is used up all the same.
            assertThat(successRows()).describedAs("success rows after the refused login").isZero();
            assertThat(storedCounter()).describedAs("counter in H2 after the refused login").isEqualTo(1);

            disk.free();
            assertThat(rejectedFor(login(owner, PIN, 0))).isEqualTo(RejectReason.REPLAY);
            assertThat(login(owner, PIN, 1)).isEqualTo(new Accept(USER, SERIAL));
            owner.checkpoint();

            assertThat(successRows()).describedAs("success rows after the next accept").isEqualTo(1);
            assertThat(storedCounter()).isEqualTo(2);
            owner.close();
        }
    }

    @Test
    void whenH2ClosesTheStoreFileOnAFullDiskTheCheckpointSaysWhatToDoOnceAMinute() throws Exception {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(JournaledStore.class);
        logger.addAppender(lines);
        Path smallDisk = tempDir.resolve("small-disk");
        try (FullDisk disk = FullDisk.mount(smallDisk, 16384)) {
            fixture.close();
            addUserWithToken(smallDisk); // store file, key and journal on the small disk
            JournaledStore owner = serving(Duration.ofMillis(100));
            assertThat(login(owner, PIN, 0)).isEqualTo(new Accept(USER, SERIAL));
            disk.fill();

            // Logins go on while the journal's page has room; the checkpoints' writes to H2's file fail.
            long counter = 1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (errors(lines).isEmpty() && System.nanoTime() < deadline) {
                try {
                    login(owner, PIN, counter++);
                } catch (StoreException e) {
                    Thread.sleep(50); // the journal's page is full too: wait for the checkpoints
                }
            }
            assertThat(errors(lines)).describedAs("ERROR lines once H2 closed the file").singleElement()
                    .satisfies(line -> assertThat(line).contains("H2 closed the store file", "Free space",
                            "restart keyfobd", "no accepted code is lost"));
            int before = lines.list.size();
            Thread.sleep(500); // five more checkpoints, all failing
            assertThat(lines.list.subList(before, lines.list.size())).describedAs("lines after the ERROR").isEmpty();
            disk.free();
            owner.close();
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static List<String> errors(ListAppender<ILoggingEvent> lines) {
        return lines.list.stream().filter(l -> l.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void onAFileAnotherProcessHoldsNobodyDecidesLoginsOverAJournalLeftForReplay() throws Exception {
        try (OtherProcess other = OtherProcess.withStoreOpen(tempDir, fixture.keyFile())) {
            // What a keyfobd that the other process connected to leaves when it is killed after
            // accepting code 4 in memory: the token at counter 5. The other process now holds the file.
            try (LoginJournal left = new LoginJournal(journalDir(), 1)) {
                left.append(List.of(new JournalRecord.TokenChange(SERIAL, 9, TokenState.initial(5)))).durable()
                        .get(30, TimeUnit.SECONDS);
            }

            // Only the holder can replay the journal.
            assertThatThrownBy(() -> JdbiStore.openServing(fixture.settings(), fixture.keyFile(), CLOCK, NEVER))
                    .isInstanceOf(StoreException.class).hasMessageContaining("cannot be replayed now");
            assertThatThrownBy(() -> JdbiStore.open(fixture.settings(), fixture.keyFile(), CLOCK))
                    .isInstanceOf(StoreException.class).hasMessageContaining("cannot be replayed now");
            try (JdbiStore reader = JdbiStore.openToRead(fixture.settings(), fixture.keyFile(), CLOCK)) {
                assertThat(reader.tokens().count()).describedAs("a reader may still look").isEqualTo(1);
            }

            other.quit();
        }

        JournaledStore owner = serving(NEVER);
        assertThat(storedCounter()).describedAs("counter after the replay").isEqualTo(5);
        assertThat(rejectedFor(login(owner, PIN, 4))).isEqualTo(RejectReason.REPLAY);
        assertThat(login(owner, PIN, 5)).isInstanceOf(Accept.class);
    }

    @Test
    void onAFileAnotherProcessHoldsTheServerDecidesLoginsOnTheStore() throws Exception {
        try (OtherProcess other = OtherProcess.withStoreOpen(tempDir, fixture.keyFile())) {
            try (Store store = JdbiStore.openServing(fixture.settings(), fixture.keyFile(), CLOCK, NEVER)) {
                assertThat(store).isNotInstanceOf(JournaledStore.class);
                assertThat(login(store, PIN, 0)).isInstanceOf(Accept.class);
                assertThat(storedCounter()).describedAs("counter in H2 right after the accept").isEqualTo(1);
            }
            other.quit();
        }
    }

    @Test
    void aStoreWhoseHolderDiedReplaysTheLeftJournalBeforeItsNextAccept() throws Exception {
        try (OtherProcess other = OtherProcess.withStoreOpen(tempDir, fixture.keyFile());
                JdbiStore admin = JdbiStore.open(fixture.settings(), fixture.keys(), CLOCK)) {
            // The admin store reaches the other process's engine. Now a journal appears that only
            // the holder could replay: what a keyfobd killed after accepting code 4 would leave.
            try (LoginJournal left = new LoginJournal(journalDir(), 1)) {
                left.append(List.of(new JournalRecord.TokenChange(SERIAL, 9, TokenState.initial(5)))).durable()
                        .get(30, TimeUnit.SECONDS);
            }
            other.kill(); // H2 hands the file to the next process that asks: this one

            assertThat(login(admin, PIN, 4)).describedAs("code 4, accepted before the holder died")
                    .isNotInstanceOf(Accept.class);
            assertThat(storedCounter()).describedAs("counter after the replay").isEqualTo(5);
            assertThat(LoginJournal.segments(journalDir())).describedAs("journal after the replay").isEmpty();
            assertThat(login(admin, PIN, 5)).isInstanceOf(Accept.class);
        }
    }

    /** {@link SharedH2FileTest.StoreHolder} in a child JVM: another process with the store open. */
    private static final class OtherProcess implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        private OtherProcess(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** Started, and has opened the store in {@code dataDir}. */
        static OtherProcess withStoreOpen(Path dataDir, Path keyFile) throws Exception {
            OtherProcess other = new OtherProcess(new ProcessBuilder(
                    ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    SharedH2FileTest.StoreHolder.class.getName(), dataDir.toString(), keyFile.toString())
                    .redirectErrorStream(true).start());
            assertThat(other.readUntil("ready")).isEqualTo("ready");
            return other;
        }

        String ask(String command, String answerPrefix) throws Exception {
            in.println(command);
            return readUntil(answerPrefix);
        }

        void quit() throws InterruptedException {
            in.println("quit");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).describedAs("other process exited").isTrue();
        }

        /** SIGKILL: no shutdown hook, the file is left for whoever opens it next. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).describedAs("other process killed").isTrue();
        }

        private String readUntil(String prefix) throws Exception {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            return "<process exited before \"" + prefix + "\">";
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly();
            in.close();
            out.close();
        }
    }
}
