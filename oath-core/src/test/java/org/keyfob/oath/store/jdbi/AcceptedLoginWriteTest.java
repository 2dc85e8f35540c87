package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.User;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/**
 * {@code TokenStore.compareAndSetAccepted}: what an accepted login writes (token state, the
 * user's success, the audit row) is stored all together or not at all, keeps the token's
 * compare-and-set when many logins are committed in one group transaction, and one login that
 * cannot be written fails alone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AcceptedLoginWriteTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor NAS = Actor.client("vpn1");
    private static final Instant LOGIN_AT = NOW.plusSeconds(60);

    @Test
    void acceptedLoginStoresTokenStateUserSuccessAndAuditRowInOneGo() {
        StoredToken read = userWithToken("bob", "T1");
        store.users().compareAndSetLock("bob", user("bob").version(), new LockState(3, Optional.empty()), false, NOW);

        boolean stored = store.tokens().compareAndSetAccepted(read.token().serial(), read.version(),
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1"));

        assertThat(stored).isTrue();
        StoredToken after = store.tokens().find(new Serial("T1")).orElseThrow();
        assertThat(after.token().state().counter()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(read.version() + 1);
        User bob = user("bob");
        assertThat(bob.lock()).isEqualTo(LockState.CLEAR);
        assertThat(bob.lastSuccess()).contains(LOGIN_AT);
        assertThat(logins()).extracting(e -> e.event().serial().orElseThrow().value()).containsExactly("T1");
    }

    @Test
    void loginOnAStaleVersionWritesNothingAtAll() {
        StoredToken read = userWithToken("bob", "T1");
        store.users().compareAndSetLock("bob", user("bob").version(), new LockState(3, Optional.empty()), false, NOW);

        boolean stored = store.tokens().compareAndSetAccepted(read.token().serial(), read.version() + 7,
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1"));

        assertThat(stored).isFalse();
        assertThat(store.tokens().find(new Serial("T1")).orElseThrow().token().state())
                .isEqualTo(read.token().state());
        assertThat(user("bob").lock().failures()).isEqualTo(3);
        assertThat(user("bob").lastSuccess()).isEmpty();
        assertThat(logins()).isEmpty();
    }

    @Test
    @DisplayName("RFC 4226 §7.2: of 32 logins committed at once on one token version, exactly one is stored")
    void ofManyConcurrentLoginsOnOneTokenVersionExactlyOneIsStored() throws Exception {
        StoredToken read = userWithToken("bob", "T1");
        int threads = 32;
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Boolean> results = runConcurrently(threads, i -> () -> {
            together.await();
            return store.tokens().compareAndSetAccepted(read.token().serial(), read.version(),
                    read.token().state().accepted(i, 0, LOGIN_AT), success("bob", "T1"));
        });

        assertThat(results).filteredOn(b -> b).hasSize(1);
        StoredToken after = store.tokens().find(new Serial("T1")).orElseThrow();
        assertThat(after.version()).isEqualTo(read.version() + 1);
        assertThat(logins()).hasSize(1);
    }

    @Test
    void concurrentLoginsOnDifferentTokensAreAllStored() throws Exception {
        int threads = 40;
        List<StoredToken> reads = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            reads.add(userWithToken("user" + i, "T" + i));
        }
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Boolean> results = runConcurrently(threads, i -> () -> {
            StoredToken read = reads.get(i);
            together.await();
            return store.tokens().compareAndSetAccepted(read.token().serial(), read.version(),
                    read.token().state().accepted(5, 0, LOGIN_AT), success("user" + i, "T" + i));
        });

        assertThat(results).containsOnly(true).hasSize(threads);
        for (int i = 0; i < threads; i++) {
            assertThat(store.tokens().find(new Serial("T" + i)).orElseThrow().token().state().counter())
                    .describedAs("counter of T%d", i).isEqualTo(6);
            assertThat(user("user" + i).lastSuccess()).describedAs("last success of user%d", i).contains(LOGIN_AT);
        }
        assertThat(logins()).hasSize(threads);
    }

    @Test
    void aLoginThatCannotBeWrittenFailsAloneAndItsNeighboursAreStored() throws Exception {
        int threads = 20;
        List<StoredToken> reads = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            reads.add(userWithToken("user" + i, "T" + i));
        }
        // The audit column user_name holds 256 characters: this row cannot be inserted.
        String tooLong = "x".repeat(300);
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Object> results = runConcurrently(threads, i -> () -> {
            StoredToken read = reads.get(i);
            LoginSuccess success = i == 7
                    ? new LoginSuccess("user7", LOGIN_AT, new AuditEvent(LOGIN_AT, AuditEventType.E_LOGIN_SUCCEEDED,
                            NAS, Optional.of(tooLong), Optional.of(new Serial("T7")), ""))
                    : success("user" + i, "T" + i);
            together.await();
            try {
                return store.tokens().compareAndSetAccepted(read.token().serial(), read.version(),
                        read.token().state().accepted(5, 0, LOGIN_AT), success);
            } catch (StoreException e) {
                return e;
            }
        });

        assertThat(results.get(7)).isInstanceOf(StoreException.class);
        assertThat(store.tokens().find(new Serial("T7")).orElseThrow().token().state().counter())
                .describedAs("the failed login's token is unchanged").isZero();
        assertThat(user("user7").lastSuccess()).isEmpty();
        for (int i = 0; i < threads; i++) {
            if (i != 7) {
                assertThat(results.get(i)).describedAs("login %d", i).isEqualTo(true);
            }
        }
        assertThat(logins()).hasSize(threads - 1);
    }

    @Test
    void aClosedStoreRefusesToRecordALogin() {
        StoredToken read = userWithToken("bob", "T1");
        store.close();

        assertThatThrownBy(() -> store.tokens().compareAndSetAccepted(read.token().serial(), read.version(),
                read.token().state().accepted(0, 0, LOGIN_AT), success("bob", "T1")))
                .isInstanceOf(StoreException.class);
    }

    private StoredToken userWithToken(String user, String serial) {
        store.users().add(user, Optional.empty(), ADMIN);
        store.tokens().addAll(List.of(hotp(serial, 0)), ADMIN);
        store.tokens().assign(new Serial(serial), user, new AssignmentLimits(10, 10), ADMIN);
        return store.tokens().find(new Serial(serial)).orElseThrow();
    }

    private User user(String name) {
        return store.users().find(name).orElseThrow();
    }

    private static LoginSuccess success(String user, String serial) {
        return new LoginSuccess(user, LOGIN_AT, new AuditEvent(LOGIN_AT, AuditEventType.E_LOGIN_SUCCEEDED, NAS,
                Optional.of(user), Optional.of(new Serial(serial)), ""));
    }

    private List<org.keyfob.oath.store.AuditEntry> logins() {
        return store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED));
    }

    private static <T> List<T> runConcurrently(int threads, java.util.function.IntFunction<Callable<T>> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
