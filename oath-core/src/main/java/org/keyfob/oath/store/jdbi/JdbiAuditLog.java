package org.keyfob.oath.store.jdbi;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditLog;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.token.Serial;

/** {@link AuditLog} over Jdbi; other stores call {@link #insert} inside their own transaction. */
final class JdbiAuditLog implements AuditLog {
    private final Jdbi jdbi;

    JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEvent event) {
        jdbi.useHandle(h -> insert(h, List.of(event)));
    }

    static void insert(Handle h, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail)
                VALUES (:at, :event, :actor, :user, :serial, :detail)""");
        for (AuditEvent e : events) {
            batch.bind("at", Columns.utc(e.at()))
                    .bind("event", e.type().name())
                    .bind("actor", e.actor().toString())
                    .bind("user", e.user().orElse(null))
                    .bind("serial", e.serial().map(Serial::value).orElse(null))
                    .bind("detail", e.detail())
                    .add();
        }
        batch.execute();
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE id > :after");
        q.since().ifPresent(x -> sql.append(" AND occurred_at >= :since"));
        q.until().ifPresent(x -> sql.append(" AND occurred_at < :until"));
        q.user().ifPresent(x -> sql.append(" AND user_name = :user"));
        q.serial().ifPresent(x -> sql.append(" AND serial = :serial"));
        q.type().ifPresent(x -> sql.append(" AND event = :event"));
        sql.append(" ORDER BY id LIMIT :limit");
        return jdbi.withHandle(h -> {
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
        });
    }
}
