package org.keyfob.oath.store.jdbi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.keyfob.oath.store.AuditEvent;

/**
 * The audit events a serving {@link JournaledStore} has journaled and not yet written to the
 * store, oldest first, until the next checkpoint takes them. They are kept encoded, back to back
 * in a buffer that is reused from one checkpoint to the next, not as objects: a second of logins
 * held as {@link AuditEvent}s (each with its actor, user name, optionals and instant) was a large
 * part of what the garbage collector copied at every young collection. Each event's bytes are
 * what an {@link AuditBlocks} block holds, so a checkpoint copies them into blocks without
 * decoding them (decoding and encoding again was 60% of a checkpoint's CPU).
 *
 * <p>Times are rounded to the microsecond when an event is added, as the store keeps them.
 *
 * <p>Thread-safe. One checkpoint at a time {@link #take}s the events and then either reports them
 * {@link #written} or {@link #putBack puts them back}.
 */
final class PendingAudit {
    private Events current = new Events();
    private Events spare = new Events();

    synchronized void add(AuditEvent event) {
        current.add(event);
    }

    synchronized int size() {
        return current.count;
    }

    /** Every event added so far, oldest first; new ones go to a fresh buffer. */
    synchronized Taken take() {
        Taken taken = new Taken(current);
        current = spare != null ? spare : new Events();
        spare = null;
        return taken;
    }

    /** The taken events are in the store: their buffer is emptied and reused. */
    synchronized void written(Taken taken) {
        taken.events.reset();
        spare = taken.events;
    }

    /** Writing the taken events failed: they go back before those added since, for the next checkpoint. */
    synchronized void putBack(Taken taken) {
        taken.events.append(current);
        current.reset();
        spare = current;
        current = taken.events;
    }

    /** {@code at} as the store keeps it: rounded to the microsecond, as H2 and PostgreSQL store a row's time. */
    static Instant stored(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** Events taken by a checkpoint: the {@code i}th one's time and encoded bytes, {@code i} from 0 to size - 1. */
    static final class Taken {
        private final Events events;

        private Taken(Events events) {
            this.events = events;
        }

        boolean isEmpty() {
            return events.count == 0;
        }

        int size() {
            return events.count;
        }

        /** When the event occurred, in microseconds since the epoch. */
        long atMicros(int i) {
            return events.micros[i];
        }

        /** Writes the event's fields as {@link JournalRecord#writeAudit} encodes them. */
        void writeTo(int i, OutputStream out) throws IOException {
            int start = i == 0 ? 0 : events.ends[i - 1];
            out.write(events.bytes.array(), start, events.ends[i] - start);
        }
    }

    /** Encoded events back to back, with where each ends and when it occurred. */
    private static final class Events {
        private final Buffer bytes = new Buffer();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private int[] ends = new int[1024];
        private long[] micros = new long[1024];
        private int count;

        void add(AuditEvent event) {
            Instant at = stored(event.at());
            AuditEvent kept = at.equals(event.at()) ? event
                    : new AuditEvent(at, event.type(), event.actor(), event.user(), event.serial(), event.detail());
            try {
                JournalRecord.writeAudit(out, kept);
            } catch (IOException e) {
                throw new AssertionError("a ByteArrayOutputStream does not fail", e);
            }
            place(bytes.size(), ChronoUnit.MICROS.between(Instant.EPOCH, at));
        }

        /** Appends {@code other}'s events after these. */
        void append(Events other) {
            int base = bytes.size();
            bytes.write(other.bytes.array(), 0, other.bytes.size());
            for (int i = 0; i < other.count; i++) {
                place(base + other.ends[i], other.micros[i]);
            }
        }

        private void place(int end, long at) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                micros = Arrays.copyOf(micros, count * 2);
            }
            ends[count] = end;
            micros[count] = at;
            count++;
        }

        void reset() {
            bytes.reset();
            count = 0;
        }
    }

    /** A byte buffer whose array can be read without copying it. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }
}
