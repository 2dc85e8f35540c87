package org.keyfob.oath.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lets a server answer a login once its writes are durable without a thread waiting for them.
 * Work run in {@link #collect} on a store that forces writes to the disk in groups (the embedded
 * store's login journal) comes back as soon as its writes are queued; the returned
 * {@link Deferred#durable()} completes once they are all on the disk, or fails, and only then may
 * the answer go out. Everywhere else (the admin tool, tests, PostgreSQL) a write returns once it
 * is durable, as before, and {@code durable()} is already complete.
 *
 * <p>What the work decided is already visible to every later read (a code accepted here is
 * already used for the next login), so a failed write only ever refuses, never repeats, a login.
 */
public final class Durability {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final ThreadLocal<Durability> COLLECTING = new ThreadLocal<>();

    private CompletableFuture<Void> pending = DONE;
    private final List<Runnable> whenDurable = new ArrayList<>(1);

    private Durability() {
    }

    /**
     * What work returned, and when the writes it made are on the disk (and what it asked to run
     * {@link #whenDurable} has run).
     */
    public record Deferred<T>(T value, CompletableFuture<Void> durable) {
    }

    /** Runs {@code work} on this thread, collecting instead of awaiting the writes it makes. */
    public static <T> Deferred<T> collect(Supplier<T> work) {
        Durability outer = COLLECTING.get();
        Durability mine = new Durability();
        COLLECTING.set(mine);
        try {
            T value = work.get();
            CompletableFuture<Void> durable = mine.whenDurable.isEmpty() ? mine.pending
                    : mine.pending.thenRun(() -> mine.whenDurable.forEach(Runnable::run));
            return new Deferred<>(value, durable);
        } finally {
            if (outer == null) {
                COLLECTING.remove();
            } else {
                COLLECTING.set(outer);
            }
        }
    }

    /**
     * For a store: hands over {@code durable} if this thread is collecting, so the store need not
     * wait for it (returns true); false means the store must wait itself.
     */
    public static boolean defer(CompletableFuture<Void> durable) {
        Durability d = COLLECTING.get();
        if (d == null) {
            return false;
        }
        d.pending = d.pending.isDone() && !d.pending.isCompletedExceptionally() ? durable
                : CompletableFuture.allOf(d.pending, durable);
        return true;
    }

    /**
     * Runs {@code action} once every write of this thread's collected work is on the disk, before
     * {@link Deferred#durable()} completes, and never if one fails; at once when nothing is
     * collecting (every write returned durable). For what must not say a login
     * happened before it has: the authentication log line, the count of answers sent.
     */
    public static void whenDurable(Runnable action) {
        Durability d = COLLECTING.get();
        if (d == null) {
            action.run();
        } else {
            d.whenDurable.add(action);
        }
    }
}
