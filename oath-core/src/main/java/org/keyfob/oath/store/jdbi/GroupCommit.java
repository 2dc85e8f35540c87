package org.keyfob.oath.store.jdbi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for accepted logins: one writer thread takes every accepted login waiting when it
 * is free (up to {@link #MAX_BATCH}) and writes them all in one transaction, so under load many
 * logins share one commit instead of paying three each. Each caller waits for the commit that
 * holds its login, so an Accept still goes out only once its code is durable.
 *
 * <p>Compare-and-set is kept per login: each token's update names the version its login read,
 * and a login whose update matched no row (another request changed the token first, possibly
 * one earlier in the same batch) writes nothing else and gets false, so the caller verifies
 * again. Rows are updated in serial order, then users in name order, so two servers batching
 * over one PostgreSQL store lock rows in the same order and cannot deadlock each other. If a
 * batch fails as a whole, each of its logins is retried in a transaction of its own, so one
 * bad row fails one login.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = 128;
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final String TOKEN_UPDATE = """
            UPDATE tokens SET counter = :counter, drift = :drift, failures = :failures,
                locked_until = :lockedUntil, pending_factor = :pendingFactor,
                pending_seen_at = :pendingSeenAt, last_used = :lastUsed, version = version + 1
            WHERE serial = :serial AND version = :version""";
    private static final String USER_UPDATE = """
            UPDATE users SET failures = 0, locked_until = NULL, last_success = :at, version = version + 1
            WHERE name = :name""";

    /** Queued by {@link #close}: the writer stops once it has written what came before. */
    private static final Pending STOP = new Pending(new Serial("-"), 0, TokenState.initial(0), null, null);

    private final Jdbi jdbi;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = new Thread(this::run, "keyfob-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** One accepted login's writes; true once committed, false if the token's version moved on. */
    boolean commit(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
        if (closed) {
            throw new StoreException("the store is closed; login of " + success.user() + " not recorded");
        }
        Pending p = new Pending(serial, expectedVersion, next, success, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit of token " + serial
                    + "; the login may or may not be recorded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot record the accepted login on token " + serial + " ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return; // never interrupted by this class: H2 closes its file if a writing thread is
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.removeIf(x -> x == STOP);
            writeOrSplit(batch);
            batch.clear();
            if (stop) {
                break;
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done.completeExceptionally(new StoreException("the store closed before the login on token "
                    + p.serial + " was recorded"));
        }
    }

    private void writeOrSplit(List<Pending> batch) {
        try {
            boolean[] stored = jdbi.inTransaction(h -> write(h, batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done.complete(stored[i]);
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done.completeExceptionally(e);
                return;
            }
            log.debug("a group commit of {} logins failed ({}); committing them one by one", batch.size(),
                    e.getClass().getSimpleName());
            for (Pending p : batch) {
                writeOrSplit(List.of(p));
            }
        }
    }

    /** Writes {@code batch} on {@code h}; element i of the result says whether login i was stored. */
    private static boolean[] write(Handle h, List<Pending> batch) {
        List<Pending> bySerial = new ArrayList<>(batch);
        bySerial.sort(Comparator.comparing(p -> p.serial.value()));
        PreparedBatch tokens = h.prepareBatch(TOKEN_UPDATE);
        for (Pending p : bySerial) {
            TokenState next = p.next;
            tokens.bind("counter", next.counter())
                    .bind("drift", next.drift())
                    .bind("failures", next.lock().failures())
                    .bind("lockedUntil", Columns.utc(TokenRows.storableLock(next.lock())))
                    .bind("pendingFactor", next.pending().map(x -> x.factor()).orElse(null))
                    .bind("pendingSeenAt", Columns.utc(next.pending().map(x -> x.seenAt())))
                    .bind("lastUsed", Columns.utc(next.lastAccepted()))
                    .bind("serial", p.serial.value())
                    .bind("version", p.expectedVersion)
                    .add();
        }
        int[] counts = tokens.execute();
        List<Pending> won = new ArrayList<>(bySerial.size());
        for (int i = 0; i < bySerial.size(); i++) {
            if (counts[i] == 1) {
                won.add(bySerial.get(i));
            }
        }
        if (!won.isEmpty()) {
            List<Pending> byUser = new ArrayList<>(won);
            byUser.sort(Comparator.comparing(p -> p.success.user()));
            PreparedBatch users = h.prepareBatch(USER_UPDATE);
            for (Pending p : byUser) {
                users.bind("at", Columns.utc(p.success.at())).bind("name", p.success.user()).add();
            }
            users.execute();
            List<AuditEvent> events = new ArrayList<>(won.size());
            for (Pending p : won) {
                events.add(p.success.event());
            }
            JdbiAuditLog.insert(h, events);
        }
        Set<Pending> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        stored.addAll(won);
        boolean[] result = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            result[i] = stored.contains(batch.get(i));
        }
        return result;
    }

    /** Stops the writer once the logins queued so far are written; later ones fail. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(Serial serial, long expectedVersion, TokenState next, LoginSuccess success,
            CompletableFuture<Boolean> done) {
    }
}
