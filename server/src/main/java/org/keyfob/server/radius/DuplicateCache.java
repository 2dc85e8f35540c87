package org.keyfob.server.radius;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * RFC 5080 §2.2.2 duplicate detection: a request with the same source address and port,
 * identifier and Request Authenticator as one seen within the lifetime is a retransmission. While
 * the first is being answered, copies are dropped; once answered, each copy gets the very same
 * bytes, and is never verified again (so a retransmitted HOTP login is not a replay). The UDP
 * listener keeps one; each RadSec connection keeps its own, since identifiers are only unique
 * per connection there.
 */
public final class DuplicateCache {
    private static final byte[] IN_PROGRESS = new byte[0];

    private final long lifetimeNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /**
     * Every entry in the order it was made, so the oldest are dropped from the head in constant
     * time per request (scanning the map for expired entries cost a full pass per request once
     * more than {@code maxEntries} were alive: 70% of the UDP thread at 7,000 requests/s).
     */
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();

    public DuplicateCache(Duration lifetime, int maxEntries) {
        this.lifetimeNanos = lifetime.toNanos();
        this.maxEntries = maxEntries;
    }

    /**
     * A request's identity; the 16-byte Request Authenticator is held as two numbers, as the
     * cache holds one key per request of the last seconds (100,000 at 10,000 logins/s).
     */
    record Key(InetSocketAddress source, int identifier, long authenticatorHigh, long authenticatorLow) {
        static Key of(InetSocketAddress source, int identifier, byte[] authenticator) {
            ByteBuffer a = ByteBuffer.wrap(authenticator);
            return new Key(source, identifier, a.getLong(0), a.getLong(8));
        }
    }

    /**
     * One request: in progress until {@link #complete} sets its answer and pushes its expiry on,
     * in place, so a request costs one entry and one place in {@link #order}.
     */
    private static final class Entry {
        final Key key;
        volatile byte[] response;
        volatile long expiresAt;

        Entry(Key key, byte[] response, long expiresAt) {
            this.key = key;
            this.response = response;
            this.expiresAt = expiresAt;
        }
    }

    /** What to do with a request. */
    sealed interface Seen {
        /** New: it is now marked in progress; answer it, then {@link #complete} or {@link #forget}. */
        record First() implements Seen {
        }

        /** A retransmission of a request still being answered: drop it. */
        record Pending() implements Seen {
        }

        /** A retransmission of an answered request: send these bytes again. */
        record Answered(byte[] response) implements Seen {
        }
    }

    Seen see(Key key, long now) {
        dropOld(now);
        Entry mine = new Entry(key, IN_PROGRESS, now + lifetimeNanos);
        Entry existing = entries.merge(key, mine, (old, fresh) -> old.expiresAt - now < 0 ? fresh : old);
        if (existing == mine) {
            order.add(mine);
            return new Seen.First();
        }
        byte[] response = existing.response;
        return response == IN_PROGRESS ? new Seen.Pending() : new Seen.Answered(response);
    }

    void complete(Key key, byte[] response, long now) {
        boolean[] made = {false};
        Entry answered = entries.compute(key, (k, e) -> {
            if (e == null) { // dropped meanwhile
                made[0] = true;
                return new Entry(k, response, now + lifetimeNanos);
            }
            e.response = response;
            e.expiresAt = now + lifetimeNanos;
            return e;
        });
        if (made[0]) {
            order.add(answered);
        }
    }

    /**
     * Drops entries from the oldest: every expired one, and then, while there are more than
     * {@code maxEntries}, live ones too (their retransmissions are verified again, which is safe).
     * An entry made again since (after it expired) stays: only the very entry queued goes. An
     * answer pushes its entry's expiry on in place, so the head may outlive some behind it; they
     * go after it.
     */
    private void dropOld(long now) {
        for (Entry e = order.peek(); e != null; e = order.peek()) {
            if (e.expiresAt - now >= 0 && entries.size() <= maxEntries) {
                return;
            }
            order.remove(e);
            entries.remove(e.key, e);
        }
    }

    void forget(Key key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }
}
