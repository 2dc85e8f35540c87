package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/**
 * {@link GroupCommit} itself, on a real database: the batch logic is driven on the test thread
 * ({@link GroupCommit#writeOrSplit}), so which logins share a transaction is decided here, not by
 * thread timing; the writer thread is tested for what must never happen to it (dying, or leaving
 * a login without an answer when the store closes).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class GroupCommitTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Instant LOGIN_AT = NOW.plusSeconds(60);

    private final List<GroupCommit> opened = new ArrayList<>();
    /** Connects straight to the store's database, so a test can add a fault to this Jdbi alone. */
    private Jdbi jdbi;

    @BeforeEach
    void connect() {
        jdbi = Jdbi.create(fixture::jdbc);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    @AfterEach
    void closeGroupCommits() {
        opened.forEach(GroupCommit::close);
    }

    @Test
    @DisplayName("RFC 4226 §7.2: two logins on one token version in one batch: the first is stored, the second gets false")
    void twoLoginsOnOneTokenVersionInOneBatchStoreOnlyTheFirst() {
        StoredToken read = userWithToken("bob", "T1");
        GroupCommit.Pending first = login(read, 0, success("bob", "T1"));
        GroupCommit.Pending second = login(read, 5, success("bob", "T1"));

        groupCommit(jdbi).writeOrSplit(List.of(first, second));

        assertThat(List.of(first.done().join(), second.done().join())).containsExactly(true, false);
        StoredToken after = store.tokens().find(new Serial("T1")).orElseThrow();
        assertThat(after.token().state().counter()).describedAs("counter set by the first login").isEqualTo(1);
        assertThat(after.version()).isEqualTo(read.version() + 1);
        assertThat(logins()).describedAs("audit rows of stored logins").hasSize(1);
    }

    @Test
    void loginsAreAnsweredOnlyAfterTheSyncThatFollowsTheirCommit() {
        StoredToken read = userWithToken("bob", "T1");
        GroupCommit.Pending login = login(read, 0, success("bob", "T1"));
        List<String> seenBySync = new ArrayList<>();
        GroupCommit groupCommit = groupCommit(jdbi);
        groupCommit.syncAfterCommit(() -> seenBySync.add("answered=" + login.done().isDone() + " counter="
                + store.tokens().find(new Serial("T1")).orElseThrow().token().state().counter()));

        groupCommit.writeOrSplit(List.of(login));

        assertThat(seenBySync).describedAs("one sync, after the commit, before the answer")
                .containsExactly("answered=false counter=1");
        assertThat(login.done()).isCompletedWithValue(true);
    }

    @Test
    void aFailedSyncRefusesTheBatchAndItsCodesStayUsed() {
        StoredToken read = userWithToken("bob", "T1");
        GroupCommit groupCommit = groupCommit(jdbi);
        groupCommit.syncAfterCommit(() -> {
            throw new StoreException("disk full (injected by the test)");
        });

        assertThatThrownBy(() -> groupCommit.commit(read.token().serial(), read.version(),
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1")))
                .isInstanceOf(StoreException.class)
                .hasRootCauseMessage("disk full (injected by the test)");
        assertThat(store.tokens().find(new Serial("T1")).orElseThrow().token().state().counter())
                .describedAs("the refused login's code cannot be used again").isEqualTo(1);
    }

    @Test
    void aBatchWithOneBadRowIsSplitAndOnlyThatLoginFails() {
        List<StoredToken> reads = List.of(userWithToken("u0", "T0"), userWithToken("u1", "T1"),
                userWithToken("u2", "T2"));
        // The audit column user_name holds 256 characters: this login's row cannot be inserted.
        LoginSuccess bad = new LoginSuccess("u1", LOGIN_AT, new AuditEvent(LOGIN_AT, AuditEventType.E_LOGIN_SUCCEEDED,
                TestLogins.NAS, Optional.of("x".repeat(300)), Optional.of(new Serial("T1")), ""));
        List<GroupCommit.Pending> batch = List.of(login(reads.get(0), 0, success("u0", "T0")),
                login(reads.get(1), 0, bad), login(reads.get(2), 0, success("u2", "T2")));

        groupCommit(jdbi).writeOrSplit(batch);

        assertThat(batch.get(0).done()).isCompletedWithValue(true);
        assertThat(batch.get(1).done()).isCompletedExceptionally();
        assertThat(batch.get(2).done()).isCompletedWithValue(true);
        assertThat(store.tokens().find(new Serial("T1")).orElseThrow().token().state().counter())
                .describedAs("the failed login's token is unchanged").isZero();
        assertThat(store.users().find("u1").orElseThrow().lastSuccess()).isEmpty();
        assertThat(logins()).extracting(e -> e.event().serial().orElseThrow().value()).containsExactly("T0", "T2");
    }

    @Test
    void anErrorWhileWritingFailsThatLoginAndTheWriterGoesOn() {
        StoredToken read = userWithToken("bob", "T1");
        AtomicBoolean armed = new AtomicBoolean(true);
        // A driver that throws an Error once, as a buggy one may (or the JVM, out of memory).
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) {
                if (armed.getAndSet(false)) {
                    throw new AssertionError("driver bug (injected by the test)");
                }
            }
        });
        GroupCommit groupCommit = groupCommit(jdbi);

        assertThatThrownBy(() -> groupCommit.commit(read.token().serial(), read.version(),
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1")))
                .isInstanceOf(StoreException.class)
                .hasCauseInstanceOf(AssertionError.class);
        assertThat(logins()).describedAs("audit rows after the failed login").isEmpty();

        assertThat(groupCommit.commit(read.token().serial(), read.version(),
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1")))
                .describedAs("the next login, on the same writer").isTrue();
        assertThat(logins()).hasSize(1);
    }

    /**
     * Logins queued while the store closes: by the time {@code close} returns, each has its
     * answer (written, or failed), none is left waiting. The race this guards against (a login
     * queued just after the writer stopped) has a narrow window, so this repeats it.
     */
    @Test
    void everyLoginQueuedWhileTheStoreClosesIsAnsweredByTheTimeCloseReturns() throws Exception {
        for (int round = 0; round < 20; round++) {
            GroupCommit groupCommit = new GroupCommit(jdbi);
            List<CompletableFuture<Boolean>> queued = new ArrayList<>();
            CountDownLatch firstQueued = new CountDownLatch(1);
            Thread client = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        // No such token: each login is a cheap update that matches no row.
                        queued.add(groupCommit.submit(new Serial("NONE"), 0, accepted(), success("nobody", "NONE")));
                        firstQueued.countDown();
                    }
                } catch (StoreException closed) {
                    firstQueued.countDown();
                }
            });
            client.start();
            firstQueued.await();
            groupCommit.close();
            client.join();

            assertThat(queued).describedAs("round %d: logins without an answer after close", round)
                    .allMatch(CompletableFuture::isDone);
            assertThatThrownBy(() -> groupCommit.submit(new Serial("NONE"), 0, accepted(), success("nobody", "NONE")))
                    .describedAs("a login after close").isInstanceOf(StoreException.class);
        }
    }

    private static TokenState accepted() {
        return TokenState.initial(0).accepted(0, 0, LOGIN_AT);
    }

    private GroupCommit groupCommit(Jdbi on) {
        GroupCommit groupCommit = new GroupCommit(on);
        opened.add(groupCommit);
        return groupCommit;
    }

    private static GroupCommit.Pending login(StoredToken read, long factor, LoginSuccess success) {
        return new GroupCommit.Pending(read.token().serial(), read.version(),
                read.token().state().accepted(factor, 0, LOGIN_AT), success, new CompletableFuture<>());
    }

    private StoredToken userWithToken(String user, String serial) {
        store.users().add(user, Optional.empty(), ADMIN);
        store.tokens().addAll(List.of(hotp(serial, 0)), ADMIN);
        store.tokens().assign(new Serial(serial), user, AssignmentLimits.ONE_TO_ONE, ADMIN);
        return store.tokens().find(new Serial(serial)).orElseThrow();
    }

    private static LoginSuccess success(String user, String serial) {
        return TestLogins.success(user, new Serial(serial), LOGIN_AT);
    }

    private List<AuditEntry> logins() {
        return store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED));
    }
}
