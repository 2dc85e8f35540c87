package org.keyfob.oath.store;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.token.Serial;

/**
 * Filters for reading the audit log; empty means "any". With {@code afterId} 0 a query selects the
 * newest {@code limit} matching events; with a larger one, the first {@code limit} events after
 * that id (to follow the log as it grows). Results come oldest first either way.
 */
public record AuditQuery(Optional<Instant> since, Optional<Instant> until, Optional<String> user,
        Optional<Serial> serial, Optional<AuditEventType> type, long afterId, int limit) {

    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), 0, 10_000);

    public AuditQuery {
        if (limit < 1 || limit > 1_000_000) {
            throw new IllegalArgumentException("limit must be 1..1000000, was " + limit);
        }
    }

    public AuditQuery forUser(String name) {
        return new AuditQuery(since, until, Optional.of(name), serial, type, afterId, limit);
    }

    public AuditQuery forSerial(Serial s) {
        return new AuditQuery(since, until, user, Optional.of(s), type, afterId, limit);
    }

    public AuditQuery ofType(AuditEventType t) {
        return new AuditQuery(since, until, user, serial, Optional.of(t), afterId, limit);
    }

    public AuditQuery after(long id) {
        return new AuditQuery(since, until, user, serial, type, id, limit);
    }
}
