package org.keyfob.oath.store.jdbi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.StoreException;

/**
 * Audit events stored a block at a time (table {@value #TABLE}): how the embedded store's
 * checkpoint writes the events of its logins, thousands a second, as one compressed row per up to
 * {@value #MAX_EVENTS} events instead of one row each. A block holds its events' ids, so they
 * read back as one log with the {@code audit} table's rows, ordered by id ({@link JdbiAuditLog}
 * merges the two). Times are kept to the microsecond, as the audit table keeps them.
 *
 * <p>Block ids come from the audit table's identity: {@link #reserve} moves it past the ids it
 * hands out. Only the embedded store's owner writes blocks, so no other writer takes ids then.
 */
final class AuditBlocks {
    static final String TABLE = "audit_block";
    /** Events in one block at most, so reading one costs bounded memory. */
    static final int MAX_EVENTS = 2_000;
    /** Blocks deleted per transaction by {@link #purgeBefore}. */
    private static final int PURGE_BLOCKS = 100;
    /**
     * The first byte of a block's data: how the rest is encoded. Format 1: the number of events
     * (4 bytes), then each event's id (8 bytes) and fields as the journal writes them, deflated
     * (level 1: a sixth of the size, at 0.3 µs per event, as logins repeat most of their fields).
     */
    private static final byte FORMAT = 1;
    private static final int HEADER = 5;
    private static final int CHUNK = 16 * 1024;

    private AuditBlocks() {
    }

    /** The highest audit event id handed out so far, in rows or in blocks; 0 if none. */
    static final String HIGHEST_ID = "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM audit),"
            + " (SELECT COALESCE(MAX(last_id), 0) FROM " + TABLE + "))";

    /**
     * Hands out {@code count} consecutive event ids and returns the first: the audit table's
     * identity now starts after the last. Call outside any transaction (H2 commits on this
     * statement); an id handed out but never written is a gap, nothing worse.
     */
    static long reserve(Jdbi jdbi, int count) {
        return jdbi.withHandle(h -> {
            long first = h.createQuery(HIGHEST_ID).mapTo(Long.class).one() + 1;
            h.execute("ALTER TABLE audit ALTER COLUMN id RESTART WITH " + (first + count));
            return first;
        });
    }

    /**
     * Writes {@code events} as blocks, the ids from {@code firstId} on as {@link #reserve} handed
     * them out. Refuses (so the caller's transaction rolls back) if an audit row took one of them
     * meanwhile, which only a writer that is not the store's owner could do.
     */
    static void insert(Handle h, PendingAudit.Taken events, long firstId) {
        long rows = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM audit").mapTo(Long.class).one();
        if (rows >= firstId) {
            throw new StoreException("an audit row took id " + rows + " while events from id " + firstId
                    + " were being written; they are written again at the next checkpoint");
        }
        int i = 0;
        while (i < events.size()) {
            Block block = new Block();
            for (; i < events.size() && block.events < MAX_EVENTS; i++) {
                block.add(firstId + i, events, i);
            }
            write(h, block);
        }
    }

    private static void write(Handle h, Block block) {
        h.createUpdate("INSERT INTO " + TABLE + " (first_id, last_id, first_at, last_at, events, data)"
                        + " VALUES (:first, :last, :firstAt, :lastAt, :events, :data)")
                .bind("first", block.firstId).bind("last", block.lastId)
                .bind("firstAt", Columns.utc(instant(block.firstAt))).bind("lastAt", Columns.utc(instant(block.lastAt)))
                .bind("events", block.events).bind("data", block.bytes())
                .execute();
    }

    /**
     * The events in blocks that {@code q} selects, as {@link AuditQuery} says: at most
     * {@code q.limit()}, the newest ones when {@code q.afterId()} is 0, else the first ones after
     * it; oldest first.
     */
    static List<AuditEntry> query(Handle h, AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT data FROM " + TABLE + " WHERE last_id > :after");
        q.since().ifPresent(x -> sql.append(" AND last_at >= :since"));
        q.until().ifPresent(x -> sql.append(" AND first_at < :until"));
        sql.append(q.afterId() == 0 ? " ORDER BY first_id DESC" : " ORDER BY first_id");
        Query query = h.createQuery(sql.toString()).bind("after", q.afterId());
        q.since().ifPresent(x -> query.bind("since", Columns.utc(x)));
        q.until().ifPresent(x -> query.bind("until", Columns.utc(x)));
        Predicate<AuditEntry> selected = selects(q);
        List<AuditEntry> found = new ArrayList<>();
        // Blocks hold disjoint id ranges, so once a block's matches fill the limit, the blocks
        // after it in this order hold none of the events wanted.
        try (Stream<byte[]> blocks = query.map((rs, ctx) -> rs.getBytes(1)).stream()) {
            Iterator<byte[]> it = blocks.iterator();
            while (found.size() < q.limit() && it.hasNext()) {
                decode(it.next()).stream().filter(selected).forEach(found::add);
            }
        }
        return selectEnd(found, q);
    }

    /**
     * Of {@code entries}, the {@code q.limit()} that {@code q} wants: the newest when
     * {@code q.afterId()} is 0, else the oldest (the first after it); oldest first.
     */
    static List<AuditEntry> selectEnd(List<AuditEntry> entries, AuditQuery q) {
        List<AuditEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(AuditEntry::id));
        int n = Math.min(q.limit(), sorted.size());
        return List.copyOf(q.afterId() == 0 ? sorted.subList(sorted.size() - n, sorted.size()) : sorted.subList(0, n));
    }

    private static Predicate<AuditEntry> selects(AuditQuery q) {
        return entry -> {
            AuditEvent e = entry.event();
            return entry.id() > q.afterId()
                    && q.since().map(s -> !e.at().isBefore(s)).orElse(true)
                    && q.until().map(u -> e.at().isBefore(u)).orElse(true)
                    && q.user().map(u -> e.user().filter(u::equals).isPresent()).orElse(true)
                    && q.serial().map(s -> e.serial().filter(s::equals).isPresent()).orElse(true)
                    && q.type().map(t -> e.type() == t).orElse(true);
        };
    }

    /**
     * Deletes the events that occurred before {@code before}: whole blocks, a batch of them per
     * transaction, and the older events of a block that also holds newer ones (the block is
     * written again without them, keeping their ids). Returns how many events it deleted.
     */
    static long purgeBefore(Jdbi jdbi, Instant before) {
        long purged = 0;
        List<long[]> batch;
        do {
            batch = jdbi.inTransaction(h -> {
                List<long[]> old = h.createQuery("SELECT first_id, events FROM " + TABLE
                                + " WHERE last_at < :before ORDER BY first_id LIMIT :batch")
                        .bind("before", Columns.utc(before)).bind("batch", PURGE_BLOCKS)
                        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
                for (long[] b : old) {
                    h.createUpdate("DELETE FROM " + TABLE + " WHERE first_id = :id").bind("id", b[0]).execute();
                }
                return old;
            });
            purged += batch.stream().mapToLong(b -> b[1]).sum();
        } while (!batch.isEmpty());
        List<Long> straddling = jdbi.withHandle(h -> h.createQuery("SELECT first_id FROM " + TABLE
                + " WHERE first_at < :before").bind("before", Columns.utc(before)).mapTo(Long.class).list());
        for (long firstId : straddling) {
            purged += jdbi.inTransaction(h -> {
                byte[] data = h.createQuery("SELECT data FROM " + TABLE + " WHERE first_id = :id").bind("id", firstId)
                        .map((rs, ctx) -> rs.getBytes(1)).one();
                List<AuditEntry> all = decode(data);
                List<AuditEntry> newer = all.stream().filter(e -> !e.event().at().isBefore(before)).toList();
                PendingAudit events = new PendingAudit();
                newer.forEach(e -> events.add(e.event(), 0));
                PendingAudit.Taken taken = events.take();
                Block kept = new Block();
                for (int i = 0; i < newer.size(); i++) {
                    kept.add(newer.get(i).id(), taken, i);
                }
                h.createUpdate("DELETE FROM " + TABLE + " WHERE first_id = :id").bind("id", firstId).execute();
                if (kept.events > 0) {
                    write(h, kept);
                }
                return (long) (all.size() - kept.events);
            });
        }
        return purged;
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** A block's events with their ids, in the order they were written. */
    static List<AuditEntry> decode(byte[] data) {
        if (data.length < HEADER || data[0] != FORMAT) {
            throw new StoreException("an audit block is in format " + (data.length == 0 ? "(empty)" : data[0])
                    + ", which this Keyfob does not read (it reads " + FORMAT + "); was it written by a newer"
                    + " version? Read the audit log with that version");
        }
        List<AuditEntry> entries = new ArrayList<>();
        Inflater inflater = new Inflater();
        // Buffered on both sides of the inflater: it is called once per chunk, not per field.
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(
                new ByteArrayInputStream(data, HEADER, data.length - HEADER), inflater, CHUNK), CHUNK))) {
            int count = ByteBuffer.wrap(data, 1, 4).getInt();
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                entries.add(new AuditEntry(id, JournalRecord.readAudit(in)));
            }
            if (in.read() != -1) {
                throw new IOException("bytes left after its " + count + " events");
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException("an audit block is damaged after " + entries.size() + " events ("
                    + e.getMessage() + "); restore the store from a backup to read it whole", e);
        } finally {
            inflater.end();
        }
        return entries;
    }

    /** One block being encoded: its events, their id and time span. */
    private static final class Block {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // Buffered: the deflater is called once per chunk, not once per field.
        private final DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, CHUNK), CHUNK));
        long firstId = Long.MAX_VALUE;
        long lastId = Long.MIN_VALUE;
        long firstAt = Long.MAX_VALUE; // microseconds since the epoch
        long lastAt = Long.MIN_VALUE;
        int events;

        Block() {
            bytes.writeBytes(new byte[HEADER]); // filled in by bytes()
        }

        /** Adds the {@code i}th of {@code taken}, as event {@code id}: its bytes are copied as they are. */
        void add(long id, PendingAudit.Taken taken, int i) {
            try {
                out.writeLong(id);
                taken.writeTo(i, out);
            } catch (IOException e) {
                throw new AssertionError("a ByteArrayOutputStream does not fail", e);
            }
            long at = taken.atMicros(i);
            firstId = Math.min(firstId, id);
            lastId = Math.max(lastId, id);
            firstAt = Math.min(firstAt, at);
            lastAt = Math.max(lastAt, at);
            events++;
        }

        /** The block's data; call once, after the last {@link #add}. */
        byte[] bytes() {
            try {
                out.close(); // finishes the compressed stream; the deflater is ours to end
            } catch (IOException e) {
                throw new AssertionError("a ByteArrayOutputStream does not fail", e);
            } finally {
                deflater.end();
            }
            byte[] data = bytes.toByteArray();
            data[0] = FORMAT;
            ByteBuffer.wrap(data, 1, 4).putInt(events);
            return data;
        }
    }
}
