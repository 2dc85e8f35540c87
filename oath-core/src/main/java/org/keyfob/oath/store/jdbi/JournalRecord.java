package org.keyfob.oath.store.jdbi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/**
 * One change the server made in memory while it owned the login state ({@link JournaledStore}),
 * as written to the {@link LoginJournal} before the login is answered. A token's or user's change
 * carries the version it produced, so applying it again, or after a newer one, changes nothing.
 * No record holds a seed, a PIN or a code: only counters, lock state and audit rows.
 */
sealed interface JournalRecord {

    /** A token's state after a login, at {@code version}. */
    record TokenChange(Serial serial, long version, TokenState state) implements JournalRecord {
    }

    /** A user's lock state and last success or failure after a login, at {@code version}. */
    record UserChange(String name, long version, LockState lock, Optional<Instant> lastSuccess,
            Optional<Instant> lastFailure) implements JournalRecord {
    }

    /** An audit row to insert. */
    record Audit(AuditEvent event) implements JournalRecord {
    }

    /** The bytes of {@code records}, read back by {@link #decode}. */
    static byte[] encode(List<JournalRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(records.size());
            for (JournalRecord r : records) {
                if (r instanceof TokenChange t) {
                    out.writeByte('T');
                    out.writeUTF(t.serial().value());
                    out.writeLong(t.version());
                    TokenState s = t.state();
                    out.writeLong(s.counter());
                    out.writeInt(s.drift());
                    writeLock(out, s.lock());
                    out.writeBoolean(s.pending().isPresent());
                    if (s.pending().isPresent()) {
                        out.writeLong(s.pending().get().factor());
                        writeInstant(out, s.pending().get().seenAt());
                    }
                    writeInstant(out, s.lastAccepted());
                } else if (r instanceof UserChange u) {
                    out.writeByte('U');
                    out.writeUTF(u.name());
                    out.writeLong(u.version());
                    writeLock(out, u.lock());
                    writeInstant(out, u.lastSuccess());
                    writeInstant(out, u.lastFailure());
                } else if (r instanceof Audit a) {
                    out.writeByte('A');
                    writeAudit(out, a.event());
                } else {
                    throw new AssertionError(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The records in {@code bytes}, as {@link #encode} wrote them.
     *
     * @throws IOException if the bytes are not such records (the frame's checksum passed, so this
     *     is a journal written by another version, or a bug)
     */
    static List<JournalRecord> decode(byte[] bytes) throws IOException {
        try {
            return decodeRecords(bytes);
        } catch (EOFException e) {
            throw new IOException("the journal entry is cut short: its " + bytes.length
                    + " bytes end inside a record", e);
        } catch (IllegalArgumentException e) {
            // A value no record can hold (a negative counter, an audit type this version lacks).
            throw new IOException("the journal entry holds a value no record can hold: " + e.getMessage(), e);
        }
    }

    private static List<JournalRecord> decodeRecords(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int n = in.readUnsignedShort();
        List<JournalRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = in.readByte();
            switch (kind) {
                case 'T' -> {
                    Serial serial = new Serial(in.readUTF());
                    long version = in.readLong();
                    long counter = in.readLong();
                    int drift = in.readInt();
                    LockState lock = readLock(in);
                    Optional<PendingResync> pending = in.readBoolean()
                            ? Optional.of(new PendingResync(in.readLong(), readInstant(in).orElseThrow()))
                            : Optional.empty();
                    records.add(new TokenChange(serial, version,
                            new TokenState(counter, drift, lock, pending, readInstant(in))));
                }
                case 'U' -> records.add(new UserChange(in.readUTF(), in.readLong(), readLock(in), readInstant(in),
                        readInstant(in)));
                case 'A' -> records.add(new Audit(readAudit(in)));
                default -> throw new IOException("unknown journal record kind " + kind);
            }
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left over after " + n + " journal records");
        }
        return records;
    }

    /** An audit event's fields, as an {@link Audit} record holds them (also {@link PendingAudit}'s form). */
    static void writeAudit(DataOutputStream out, AuditEvent e) throws IOException {
        writeInstant(out, e.at());
        out.writeUTF(e.type().name());
        out.writeUTF(e.actor().toString());
        writeString(out, e.user());
        writeString(out, e.serial().map(Serial::value));
        out.writeUTF(e.detail());
    }

    static AuditEvent readAudit(DataInputStream in) throws IOException {
        return new AuditEvent(readInstant(in).orElseThrow(), AuditEventType.valueOf(in.readUTF()),
                Actor.parse(in.readUTF()), readString(in), readString(in).map(Serial::new), in.readUTF());
    }

    private static void writeLock(DataOutputStream out, LockState lock) throws IOException {
        out.writeInt(lock.failures());
        writeInstant(out, lock.lockedUntil());
    }

    private static LockState readLock(DataInputStream in) throws IOException {
        return new LockState(in.readInt(), readInstant(in));
    }

    private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
        writeInstant(out, Optional.of(at));
    }

    /** Seconds and nanoseconds; {@link Instant#MAX} ("until an admin unlocks") survives. */
    private static void writeInstant(DataOutputStream out, Optional<Instant> at) throws IOException {
        out.writeBoolean(at.isPresent());
        if (at.isPresent()) {
            out.writeLong(at.get().getEpochSecond());
            out.writeInt(at.get().getNano());
        }
    }

    private static Optional<Instant> readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(Instant.ofEpochSecond(in.readLong(), in.readInt())) : Optional.empty();
    }

    private static void writeString(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            out.writeUTF(s.get());
        }
    }

    private static Optional<String> readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
