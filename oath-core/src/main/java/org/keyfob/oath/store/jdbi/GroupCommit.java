package org.keyfob.oath.store.jdbi;

import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * bad row fails one login. If writing a batch throws anything else (an {@link Error}: out of
 * memory, a driver's assertion), that batch's logins fail and the writer goes on with the next.
 *
 * <p>Every login gets an answer: once {@link #close} has begun no login is queued, and whatever
 * is still queued when the writer has stopped is failed. As a last resort a caller waits at most
 * {@link #MAX_WAIT} and then gets a {@link StoreException}, never an accept.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = 128;
    /**
     * How long a login waits for its commit before it is refused. Only a database that stopped
     * answering gets here: a RADIUS client has given up long before, and a refusal is safe.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final String USER_UPDATE = """
            UPDATE users SET failures = 0, locked_until = NULL, last_success = :at, version = version + 1
            WHERE name = :name""";

    /** Queued by {@link #close}: the writer stops once it has written what came before. */
    private static final Pending STOP = new Pending(new Serial("-"), 0, TokenState.initial(0), null, null);

    private final Jdbi jdbi;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Makes "not closed, so queue" one step, so no login is queued behind {@link #STOP}. */
    private final Object queueing = new Object();
    private boolean closed; // guarded by queueing
    private volatile Runnable beforeWrite = () -> { };
    private volatile Runnable afterCommit = () -> { };

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = new Thread(this::run, "keyfob-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code check} on the writer before each batch; if it throws, the batch's logins are refused. */
    void checkBeforeWrite(Runnable check) {
        this.beforeWrite = check;
    }

    /**
     * Runs {@code sync} after each commit and before its logins are answered; if it throws, they
     * are refused (their codes stay used). For a store whose commits are not on the disk when
     * they return: H2 writes them to its file but does not force them.
     */
    void syncAfterCommit(Runnable sync) {
        this.afterCommit = sync;
    }

    /** One accepted login's writes; true once committed, false if the token's version moved on. */
    boolean commit(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
        CompletableFuture<Boolean> done = submit(serial, expectedVersion, next, success);
        try {
            return done.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit of token " + serial
                    + "; the login may or may not be recorded", e);
        } catch (TimeoutException e) {
            throw new StoreException("the login on token " + serial + " was not committed within "
                    + MAX_WAIT.toSeconds() + " s, so it is refused; it may still be recorded. Is the database"
                    + " answering?", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot record the accepted login on token " + serial + " ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    /** Queues one login for the writer; its future is completed once the login is written or failed. */
    CompletableFuture<Boolean> submit(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
        Pending p = new Pending(serial, expectedVersion, next, success, new CompletableFuture<>());
        synchronized (queueing) {
            if (closed) {
                throw new StoreException("the store is closed; login of " + success.user() + " not recorded");
            }
            queue.add(p);
        }
        return p.done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nothing here interrupts the writer (H2 closes its database file when a thread
                // using it is interrupted). If something else does, take no more logins and fail
                // those queued rather than leave them waiting.
                stopQueueing();
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.removeIf(x -> x == STOP);
            writeBatch(batch);
            batch.clear();
        }
        failQueued();
    }

    /** Writes {@code batch}; whatever is thrown fails this batch's logins, never the writer. */
    private void writeBatch(List<Pending> batch) {
        try {
            beforeWrite.run();
            writeOrSplit(batch);
        } catch (Throwable e) {
            // An Error (out of memory, a driver's AssertionError) that ended the writer would leave
            // this batch and every later login waiting; refusing them is safe, the writer goes on.
            log.debug("a group commit of {} logins failed ({}); refusing them", batch.size(),
                    e.getClass().getSimpleName());
            for (Pending p : batch) {
                p.done.completeExceptionally(new StoreException("cannot record the accepted login on token "
                        + p.serial + " (" + e.getClass().getSimpleName() + ")", e));
            }
        }
    }

    /**
     * Writes {@code batch} in one transaction and completes each login's future; if that fails,
     * writes each login in a transaction of its own, so only a login that cannot be written fails.
     * Runs on the writer thread (tests call it directly).
     */
    void writeOrSplit(List<Pending> batch) {
        boolean[] stored;
        try {
            stored = jdbi.inTransaction(h -> write(h, batch));
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
            return;
        }
        afterCommit.run(); // throws to writeBatch, which refuses the whole batch
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(stored[i]);
        }
    }

    /** Writes {@code batch} on {@code h}; element i of the result says whether login i was stored. */
    private static boolean[] write(Handle h, List<Pending> batch) {
        List<Pending> bySerial = new ArrayList<>(batch);
        bySerial.sort(Comparator.comparing(p -> p.serial.value()));
        PreparedBatch tokens = h.prepareBatch(TokenRows.UPDATE_STATE);
        for (Pending p : bySerial) {
            TokenRows.bindState(tokens, p.serial, p.expectedVersion, p.next).add();
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

    /**
     * Stops the writer once the logins queued so far are written; later ones fail at once, and
     * any still queued when the writer has stopped (or after 10 s, if it is stuck in a write) fail.
     */
    @Override
    public void close() {
        stopQueueing();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    private void stopQueueing() {
        synchronized (queueing) {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        }
    }

    /** Fails every login still queued; {@link #STOP} stays queued for a writer still running. */
    private void failQueued() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) {
            if (p == STOP) {
                queue.add(STOP);
            } else {
                p.done.completeExceptionally(new StoreException("the store closed before the login on token "
                        + p.serial + " was recorded"));
            }
        }
    }

    /** One accepted login waiting for its commit; {@code done} is completed with its answer. */
    record Pending(Serial serial, long expectedVersion, TokenState next, LoginSuccess success,
            CompletableFuture<Boolean> done) {
    }
}
