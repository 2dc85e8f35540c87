package org.keyfob.oath.store.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditLog;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.token.Serial;

/**
 * {@link AuditLog} over Jdbi: events are rows of the audit table, or in {@link AuditBlocks} where
 * the embedded store's checkpoint wrote its logins' events; queries and purges take both. Other
 * stores call {@link #insert} inside their own transaction.
 */
final class JdbiAuditLog implements AuditLog {
    /** Rows deleted per transaction by {@link #purgeBefore}, so a purge of millions holds no lock for long. */
    static final int PURGE_BATCH = 10_000;
    private final Jdbi jdbi;
    private final Clock clock;

    JdbiAuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        jdbi.useHandle(h -> insert(h, List.of(event)));
    }

    static void insert(Handle h, Iterable<AuditEvent> events) {
        if (!events.iterator().hasNext()) {
            return;
        }
        try (JdbcBatch batch = new JdbcBatch(h, """
                INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (AuditEvent e : events) {
                batch.time(Columns.utc(e.at())).string(e.type().name()).string(e.actor().toString())
                        .string(e.user().orElse(null)).string(e.serial().map(Serial::value).orElse(null))
                        .string(e.detail())
                        .add();
            }
            batch.execute();
        }
    }

    @Override
    public long purgeBefore(Instant before, Actor actor) {
        long purged = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(h -> h.createUpdate("""
                    DELETE FROM audit WHERE id IN
                        (SELECT id FROM audit WHERE occurred_at < :before ORDER BY id LIMIT :batch)""")
                    .bind("before", Columns.utc(before)).bind("batch", PURGE_BATCH).execute());
            purged += deleted;
        } while (deleted > 0);
        purged += AuditBlocks.purgeBefore(jdbi, before);
        record(AuditEvent.of(clock.instant(), AuditEventType.E_AUDIT_PURGED, actor, null, null,
                purged + " events that occurred before " + before + " deleted"));
        return purged;
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) {
        return jdbi.withHandle(h -> {
            List<AuditEntry> rows = rows(h, q);
            List<AuditEntry> blocks = AuditBlocks.query(h, q);
            if (blocks.isEmpty()) {
                return rows;
            }
            // Each list is its own table's matches from the wanted end, up to the limit, so the
            // wanted end of all matches is among the two.
            List<AuditEntry> both = new ArrayList<>(rows);
            both.addAll(blocks);
            return AuditBlocks.selectEnd(both, q);
        });
    }

    private static List<AuditEntry> rows(Handle h, AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE id > :after");
        q.since().ifPresent(x -> sql.append(" AND occurred_at >= :since"));
        q.until().ifPresent(x -> sql.append(" AND occurred_at < :until"));
        q.user().ifPresent(x -> sql.append(" AND user_name = :user"));
        q.serial().ifPresent(x -> sql.append(" AND serial = :serial"));
        q.type().ifPresent(x -> sql.append(" AND event = :event"));
        if (q.afterId() == 0) {
            // The newest rows: a walk back along the primary key that stops at the limit.
            sql.insert(0, "SELECT * FROM (").append(" ORDER BY id DESC LIMIT :limit) AS newest ORDER BY id");
        } else {
            sql.append(" ORDER BY id LIMIT :limit");
        }
        Query query = h.createQuery(sql.toString()).bind("after", q.afterId()).bind("limit", q.limit());
        q.since().ifPresent(x -> query.bind("since", Columns.utc(x)));
        q.until().ifPresent(x -> query.bind("until", Columns.utc(x)));
        q.user().ifPresent(x -> query.bind("user", x));
        q.serial().ifPresent(x -> query.bind("serial", x.value()));
        q.type().ifPresent(x -> query.bind("event", x.name()));
        return query.map((rs, ctx) -> new AuditEntry(rs.getLong("id"), new AuditEvent(
                Columns.instant(rs, "occurred_at").orElseThrow(),
                AuditEventType.valueOf(rs.getString("event")),
                Actor.parse(rs.getString("actor")),
                Columns.string(rs, "user_name"),
                Columns.string(rs, "serial").map(Serial::new),
                rs.getString("detail")))).list();
    }
}
