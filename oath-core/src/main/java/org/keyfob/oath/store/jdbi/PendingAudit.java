package org.keyfob.oath.store.jdbi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.function.LongPredicate;
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

    /** Adds {@code event}, journaled in entry {@code entry} (0 for one that was not journaled). */
    synchronized void add(AuditEvent event, long entry) {
        current.add(event, entry);
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
            out.write(events.bytes.array(), events.start(i), events.ends[i] - events.start(i));
        }

        /** These events but those whose journal entry was {@code refused}: their logins got no answer. */
        Taken without(LongPredicate refused) {
            Events kept = null;
            for (int i = 0; i < events.count; i++) {
                if (refused.test(events.entries[i])) {
                    if (kept == null) {
                        kept = new Events();
                        kept.append(events, 0, i);
                    }
                } else if (kept != null) {
                    kept.append(events, i, i + 1);
                }
            }
            return kept == null ? this : new Taken(kept);
        }
    }

    /** Encoded events back to back, with where each ends and when it occurred. */
    private static final class Events {
        private final Buffer bytes = new Buffer();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private int[] ends = new int[1024];
        private long[] micros = new long[1024];
        private long[] entries = new long[1024];
        private int count;

        void add(AuditEvent event, long entry) {
            Instant at = stored(event.at());
            AuditEvent kept = at.equals(event.at()) ? event
                    : new AuditEvent(at, event.type(), event.actor(), event.user(), event.serial(), event.detail());
            try {
                JournalRecord.writeAudit(out, kept);
            } catch (IOException e) {
                throw new AssertionError("a ByteArrayOutputStream does not fail", e);
            }
            place(bytes.size(), ChronoUnit.MICROS.between(Instant.EPOCH, at), entry);
        }

        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }

        /** Appends {@code other}'s events after these. */
        void append(Events other) {
            append(other, 0, other.count);
        }

        /** Appends {@code other}'s events {@code from} (inclusive) to {@code to} (exclusive) after these. */
        void append(Events other, int from, int to) {
            if (from == to) {
                return;
            }
            int shift = bytes.size() - other.start(from);
            bytes.write(other.bytes.array(), other.start(from), other.ends[to - 1] - other.start(from));
            for (int i = from; i < to; i++) {
                place(other.ends[i] + shift, other.micros[i], other.entries[i]);
            }
        }

        private void place(int end, long at, long entry) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                micros = Arrays.copyOf(micros, count * 2);
                entries = Arrays.copyOf(entries, count * 2);
            }
            ends[count] = end;
            micros[count] = at;
            entries[count] = entry;
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
