package org.keyfob.oath.store.jdbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.jdbi.JournalRecord.TokenChange;
import org.keyfob.oath.store.jdbi.JournalRecord.UserChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves what the {@link LoginJournal} holds into the store: token and user states, audit events,
 * and the number of the last journal entry the store now holds, all in one transaction. Used by
 * the running server every fraction of a second, and by whoever opens the store after a crash
 * (replay). The number lives in a table of the embedded store only ({@value #TABLE}), which
 * backups leave out, as it describes this store's journal and no other.
 */
final class JournalCheckpoint {
    static final String TABLE = "journal_checkpoint";
    private static final Logger log = LoggerFactory.getLogger(JournalCheckpoint.class);
    private static final String USER_UPDATE = """
            UPDATE users SET failures = ?, locked_until = ?, last_success = ?, last_failure = ?, version = ?
            WHERE name = ? AND version < ?""";

    private JournalCheckpoint() {
    }

    /** Creates the checkpoint table if missing; it starts at entry 0 (nothing held). */
    static void createTable(Handle h) {
        h.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER PRIMARY KEY, last_entry BIGINT NOT NULL)");
        if (h.createQuery("SELECT COUNT(*) FROM " + TABLE).mapTo(Long.class).one() == 0) {
            h.execute("INSERT INTO " + TABLE + " (id, last_entry) VALUES (1, 0)");
        }
    }

    static long lastEntry(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_entry FROM " + TABLE + " WHERE id = 1")
                .mapTo(Long.class).one());
    }

    /**
     * Stores the changes and the audit events (as {@link AuditBlocks}), and records that the store
     * holds every journal entry up to {@code upTo}, in one transaction. A change older than what the
     * store has is skipped, so writing a change twice is harmless. Not yet forced to the disk: see
     * {@link #sync}.
     */
    static void write(Jdbi jdbi, Collection<TokenChange> tokens, Collection<UserChange> users,
            PendingAudit.Taken audit, long upTo) {
        long firstAuditId = audit.isEmpty() ? 0 : AuditBlocks.reserve(jdbi, audit.size());
        jdbi.useTransaction(h -> {
            try (JdbcBatch batch = new JdbcBatch(h, TokenRows.STORE_NEWER)) {
                for (TokenChange t : tokens) {
                    TokenRows.addNewer(batch, t.serial(), t.version(), t.state());
                }
                batch.execute();
            }
            try (JdbcBatch batch = new JdbcBatch(h, USER_UPDATE)) {
                for (UserChange u : users) {
                    batch.number(u.lock().failures()).time(Columns.utc(TokenRows.storableLock(u.lock())))
                            .time(Columns.utc(u.lastSuccess())).time(Columns.utc(u.lastFailure()))
                            .number(u.version()).string(u.name()).number(u.version())
                            .add();
                }
                batch.execute();
            }
            if (!audit.isEmpty()) {
                AuditBlocks.insert(h, audit, firstAuditId);
            }
            h.createUpdate("UPDATE " + TABLE + " SET last_entry = :n WHERE id = 1 AND last_entry < :n")
                    .bind("n", upTo).execute();
        });
    }

    /**
     * Forces what the store has committed to the disk. H2 writes each commit to its file but does
     * not force it; call this before deleting journal entries the store now holds, or a power cut
     * could lose them from both, and before answering logins accepted on the store itself.
     */
    static void sync(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("CHECKPOINT SYNC"));
    }

    /**
     * Applies every entry of the journal in {@code dir} that the store does not hold yet (a server
     * stopped without its last checkpoint: killed, or the machine lost power), then deletes the
     * journal; returns the number the next journal entry should get.
     */
    static long replay(Jdbi jdbi, Path dir) {
        List<LoginJournal.ReadEntry> entries = LoginJournal.read(dir);
        long held = lastEntry(jdbi);
        List<TokenChange> tokens = new ArrayList<>();
        List<UserChange> users = new ArrayList<>();
        PendingAudit audit = new PendingAudit();
        long last = held;
        for (LoginJournal.ReadEntry e : entries) {
            last = Math.max(last, e.number());
            if (e.number() <= held) {
                continue;
            }
            for (JournalRecord r : e.records()) {
                if (r instanceof TokenChange t) {
                    tokens.add(t);
                } else if (r instanceof UserChange u) {
                    users.add(u);
                } else if (r instanceof JournalRecord.Audit a) {
                    audit.add(a.event(), e.number());
                }
            }
        }
        if (last > held) {
            // Oldest first, and each update skips a row that is already newer, so the last state wins.
            int events = audit.size();
            write(jdbi, tokens, users, audit.take(), last);
            sync(jdbi);
            log.info("replayed {} login journal entries into the store ({} token changes, {} audit rows)",
                    entries.stream().filter(e -> e.number() > held).count(), tokens.size(), events);
        }
        for (Path segment : LoginJournal.segments(dir)) {
            try {
                Files.deleteIfExists(segment);
            } catch (IOException e) {
                throw new StoreException("cannot delete login journal segment " + segment
                        + " after replaying it (" + e.getMessage() + "); make " + dir + " writable", e);
            }
        }
        return last + 1;
    }
}
