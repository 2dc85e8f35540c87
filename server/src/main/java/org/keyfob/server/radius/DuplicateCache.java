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
    private final Queue<Made> order = new ConcurrentLinkedQueue<>();

    public DuplicateCache(Duration lifetime, int maxEntries) {
        this.lifetimeNanos = lifetime.toNanos();
        this.maxEntries = maxEntries;
    }

    record Key(InetSocketAddress source, int identifier, ByteBuffer authenticator) {
        static Key of(InetSocketAddress source, int identifier, byte[] authenticator) {
            return new Key(source, identifier, ByteBuffer.wrap(authenticator.clone()).asReadOnlyBuffer());
        }
    }

    private record Entry(byte[] response, long expiresAt) {
    }

    /** An entry as it was put in the map, for {@link #order}. */
    private record Made(Key key, Entry entry) {
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
        Entry mine = new Entry(IN_PROGRESS, now + lifetimeNanos);
        Entry existing = entries.merge(key, mine, (old, fresh) -> old.expiresAt() - now < 0 ? fresh : old);
        if (existing == mine) {
            order.add(new Made(key, mine));
            return new Seen.First();
        }
        return existing.response() == IN_PROGRESS ? new Seen.Pending() : new Seen.Answered(existing.response());
    }

    void complete(Key key, byte[] response, long now) {
        Entry answered = new Entry(response, now + lifetimeNanos);
        entries.put(key, answered);
        order.add(new Made(key, answered));
    }

    /**
     * Drops entries from the oldest: every expired one, and then, while there are more than
     * {@code maxEntries}, live ones too (their retransmissions are verified again, which is safe).
     * An entry replaced since (answered, or made again) stays: only the very entry queued goes.
     */
    private void dropOld(long now) {
        for (Made m = order.peek(); m != null; m = order.peek()) {
            if (m.entry.expiresAt() - now >= 0 && entries.size() <= maxEntries) {
                return;
            }
            order.remove(m);
            entries.remove(m.key, m.entry);
        }
    }

    void forget(Key key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }
}
