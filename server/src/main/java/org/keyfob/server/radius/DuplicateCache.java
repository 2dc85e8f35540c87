package org.keyfob.server.radius;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * RFC 5080 §2.2.2 duplicate detection: a request with the same source address and port,
 * identifier and Request Authenticator as one seen within the lifetime is a retransmission. While
 * the first is being answered, copies are dropped; once answered, each copy gets the very same
 * bytes, and is never verified again (so a retransmitted HOTP login is not a replay). The UDP
 * listener keeps one; each RadSec connection keeps its own, since identifiers are only unique
 * per connection there.
 *
 * <p>The cache holds every request of the last seconds (100,000 at 20,000 logins/s), each for
 * seconds: as objects (key, address, entry, map and queue nodes, answer) that was most of what
 * the garbage collector copied from one young collection to the next. So entries live in a few
 * arrays made once: a ring of {@code maxEntries} slots in the order requests arrived, an
 * open-addressing index into it, and each answer in its slot's bytes (a longer answer, such as
 * one with reply attributes, in an array of its own). Thread-safe: the event loop asks, workers
 * and the journal's writer answer; each call holds the cache's lock for a few array accesses.
 */
public final class DuplicateCache {
    /** Answers up to this long (Accept and Reject with Message-Authenticator: 38) are kept inline. */
    private static final int INLINE = 64;
    private static final int FREE = -2;
    private static final int IN_PROGRESS = -1;

    private final long lifetimeNanos;
    private final int capacity;
    // Per slot, in the ring's order. length: FREE, IN_PROGRESS, or the answer's length.
    private final long[] addressHigh;
    private final long[] addressLow;
    private final long[] portIdentifierScope;
    private final long[] authenticatorHigh;
    private final long[] authenticatorLow;
    private final long[] expiresAt;
    private final int[] length;
    private final int[] hash;
    private final byte[] inline;
    private final byte[][] longer;
    /** Open addressing, linear probing: slot + 1, or 0 for an empty place. */
    private final int[] index;
    private final int indexMask;
    private int oldest; // the ring's tail: the slot made longest ago (or FREE)
    private int next; // the ring's head: where the next entry goes
    private int used; // ring places from oldest to next, FREE ones between included
    private int size; // entries, FREE ones excluded

    /** At most {@code maxEntries} (at least 1) are held; past that the oldest go first, alive or not. */
    public DuplicateCache(Duration lifetime, int maxEntries) {
        this.lifetimeNanos = lifetime.toNanos();
        this.capacity = Math.max(1, maxEntries);
        this.addressHigh = new long[capacity];
        this.addressLow = new long[capacity];
        this.portIdentifierScope = new long[capacity];
        this.authenticatorHigh = new long[capacity];
        this.authenticatorLow = new long[capacity];
        this.expiresAt = new long[capacity];
        this.length = new int[capacity];
        this.hash = new int[capacity];
        this.inline = new byte[capacity * INLINE];
        this.longer = new byte[capacity][];
        Arrays.fill(length, FREE);
        int places = Integer.highestOneBit(capacity * 2 - 1) << 1; // a power of two, at least twice capacity
        this.index = new int[places];
        this.indexMask = places - 1;
    }

    /**
     * A request's identity, as numbers only, so that nothing the cache keeps points at an object:
     * the source address (IPv4 as IPv4-mapped IPv6) and its scope, port, identifier and the
     * 16-byte Request Authenticator.
     */
    record Key(long addressHigh, long addressLow, long portIdentifierScope, long authenticatorHigh,
            long authenticatorLow) {
        static Key of(InetSocketAddress source, int identifier, byte[] authenticator) {
            InetAddress address = source.getAddress();
            byte[] raw = address.getAddress();
            ByteBuffer a = ByteBuffer.wrap(authenticator);
            long high;
            long low;
            if (raw.length == 4) {
                high = 0;
                low = 0xffff_0000_0000L | (ByteBuffer.wrap(raw).getInt() & 0xffff_ffffL);
            } else {
                ByteBuffer r = ByteBuffer.wrap(raw);
                high = r.getLong(0);
                low = r.getLong(8);
            }
            int scope = address instanceof Inet6Address v6 ? v6.getScopeId() : 0;
            long meta = (long) scope << 32 | (identifier & 0xffL) << 16 | source.getPort();
            return new Key(high, low, meta, a.getLong(0), a.getLong(8));
        }

        int hash() {
            long h = addressHigh * 0x9E3779B97F4A7C15L ^ addressLow;
            h = h * 0x9E3779B97F4A7C15L ^ portIdentifierScope;
            h = h * 0x9E3779B97F4A7C15L ^ authenticatorHigh;
            h = h * 0x9E3779B97F4A7C15L ^ authenticatorLow;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return (int) h;
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

    private static final Seen FIRST = new Seen.First();
    private static final Seen PENDING = new Seen.Pending();

    synchronized Seen see(Key key, long now) {
        dropOld(now);
        int h = key.hash();
        int slot = find(key, h);
        if (slot >= 0 && expiresAt[slot] - now >= 0) {
            if (length[slot] == IN_PROGRESS) {
                return PENDING;
            }
            return new Seen.Answered(response(slot));
        }
        if (slot >= 0) { // expired, not yet dropped: the same request long after is new again
            remove(slot);
        }
        insert(key, h, now + lifetimeNanos);
        return FIRST;
    }

    /** Keeps {@code response} as the answer to retransmissions of {@code key} for the lifetime from {@code now}. */
    synchronized void complete(Key key, byte[] response, long now) {
        int h = key.hash();
        int slot = find(key, h);
        if (slot < 0) { // dropped meanwhile
            slot = insert(key, h, now + lifetimeNanos);
        }
        expiresAt[slot] = now + lifetimeNanos;
        if (response.length <= INLINE) {
            System.arraycopy(response, 0, inline, slot * INLINE, response.length);
            longer[slot] = null;
        } else {
            longer[slot] = response.clone();
        }
        length[slot] = response.length;
    }

    synchronized void forget(Key key) {
        int slot = find(key, key.hash());
        if (slot >= 0) {
            remove(slot);
        }
    }

    synchronized int size() {
        return size;
    }

    /**
     * Drops entries from the oldest: every expired one, stopping at the first that is alive (an
     * answer pushes its entry's expiry on in place, so the oldest may outlive some behind it;
     * they go after it). Room for a new entry is made in {@link #insert}.
     */
    private void dropOld(long now) {
        while (used > 0 && (length[oldest] == FREE || expiresAt[oldest] - now < 0)) {
            if (length[oldest] != FREE) {
                remove(oldest);
            }
            oldest = (oldest + 1) % capacity;
            used--;
        }
    }

    private int insert(Key key, int h, long expires) {
        if (used == capacity) { // full: the oldest goes, alive or not (its retransmissions are verified again)
            if (length[oldest] != FREE) {
                remove(oldest);
            }
            oldest = (oldest + 1) % capacity;
            used--;
        }
        int slot = next;
        next = (next + 1) % capacity;
        used++;
        size++;
        addressHigh[slot] = key.addressHigh();
        addressLow[slot] = key.addressLow();
        portIdentifierScope[slot] = key.portIdentifierScope();
        authenticatorHigh[slot] = key.authenticatorHigh();
        authenticatorLow[slot] = key.authenticatorLow();
        expiresAt[slot] = expires;
        length[slot] = IN_PROGRESS;
        hash[slot] = h;
        int place = h & indexMask;
        while (index[place] != 0) {
            place = (place + 1) & indexMask;
        }
        index[place] = slot + 1;
        return slot;
    }

    private int find(Key key, int h) {
        for (int place = h & indexMask; index[place] != 0; place = (place + 1) & indexMask) {
            int slot = index[place] - 1;
            if (hash[slot] == h && authenticatorLow[slot] == key.authenticatorLow()
                    && authenticatorHigh[slot] == key.authenticatorHigh()
                    && portIdentifierScope[slot] == key.portIdentifierScope()
                    && addressLow[slot] == key.addressLow() && addressHigh[slot] == key.addressHigh()) {
                return slot;
            }
        }
        return -1;
    }

    /** Frees {@code slot} (its ring place is reused when the ring comes round) and closes its gap in the index. */
    private void remove(int slot) {
        int place = hash[slot] & indexMask;
        while (index[place] != slot + 1) {
            place = (place + 1) & indexMask;
        }
        // Backward-shift deletion: move later entries of the probe run into the gap, so that
        // every entry stays reachable from its home place without tombstones.
        int gap = place;
        for (int probe = (gap + 1) & indexMask; index[probe] != 0; probe = (probe + 1) & indexMask) {
            int home = hash[index[probe] - 1] & indexMask;
            if (((probe - home) & indexMask) >= ((probe - gap) & indexMask)) {
                index[gap] = index[probe];
                gap = probe;
            }
        }
        index[gap] = 0;
        length[slot] = FREE;
        longer[slot] = null;
        size--;
    }

    private byte[] response(int slot) {
        byte[] big = longer[slot];
        return big != null ? big.clone() : Arrays.copyOfRange(inline, slot * INLINE, slot * INLINE + length[slot]);
    }
}
