package org.keyfob.oath.store.jdbi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.keyfob.oath.store.AuditEvent;

/**
 * The audit events a serving {@link JournaledStore} has journaled and not yet written to the
 * store, oldest first, until the next checkpoint takes them. They are kept encoded, back to back
 * in a buffer that is reused from one checkpoint to the next, not as objects: a second of logins
 * held as {@link AuditEvent}s (each with its actor, user name, optionals and instant) was a large
 * part of what the garbage collector copied at every young collection.
 *
 * <p>Thread-safe. One checkpoint at a time {@link #take}s the events and then either reports them
 * {@link #written} or {@link #putBack puts them back}.
 */
final class PendingAudit {
    private Buffer current = new Buffer();
    private DataOutputStream out = new DataOutputStream(current);
    private int count;
    private Buffer spare = new Buffer();

    synchronized void add(AuditEvent event) {
        try {
            JournalRecord.writeAudit(out, event);
        } catch (IOException e) {
            throw new AssertionError("a ByteArrayOutputStream does not fail", e);
        }
        count++;
    }

    synchronized int size() {
        return count;
    }

    /** Every event added so far, oldest first; new ones go to a fresh buffer. */
    synchronized Taken take() {
        Taken taken = new Taken(current, count);
        current = spare != null ? spare : new Buffer();
        spare = null;
        out = new DataOutputStream(current);
        count = 0;
        return taken;
    }

    /** The taken events are in the store: their buffer is emptied and reused. */
    synchronized void written(Taken taken) {
        taken.bytes.reset();
        spare = taken.bytes;
    }

    /** Writing the taken events failed: they go back before those added since, for the next checkpoint. */
    synchronized void putBack(Taken taken) {
        taken.bytes.append(current);
        current.reset();
        spare = current;
        current = taken.bytes;
        out = new DataOutputStream(current);
        count += taken.count;
    }

    /** Events taken by a checkpoint, decoded one at a time as they are iterated. */
    static final class Taken implements Iterable<AuditEvent> {
        private final Buffer bytes;
        private final int count;

        private Taken(Buffer bytes, int count) {
            this.bytes = bytes;
            this.count = count;
        }

        boolean isEmpty() {
            return count == 0;
        }

        int size() {
            return count;
        }

        @Override
        public Iterator<AuditEvent> iterator() {
            DataInputStream in = bytes.reader();
            return new Iterator<>() {
                private int read;

                @Override
                public boolean hasNext() {
                    return read < count;
                }

                @Override
                public AuditEvent next() {
                    if (read == count) {
                        throw new NoSuchElementException();
                    }
                    read++;
                    try {
                        return JournalRecord.readAudit(in);
                    } catch (IOException e) {
                        throw new AssertionError("an audit event written by add() cannot be read back", e);
                    }
                }
            };
        }
    }

    /** A byte buffer that can be read without copying it. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        synchronized void append(Buffer other) {
            write(other.buf, 0, other.count);
        }

        synchronized DataInputStream reader() {
            return new DataInputStream(new ByteArrayInputStream(buf, 0, count));
        }
    }
}
