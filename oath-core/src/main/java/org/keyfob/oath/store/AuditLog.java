package org.keyfob.oath.store;

import java.time.Instant;
import java.util.List;

/** Appends and reads audit events. Events are rows in the store, not log lines. */
public interface AuditLog {

    void record(AuditEvent event);

    /** Events matching {@code query} (see {@link AuditQuery} for which), oldest first, at most {@code query.limit()}. */
    List<AuditEntry> query(AuditQuery query);

    /**
     * Deletes every event that occurred before {@code before}, a batch per transaction, then
     * records one {@link AuditEventType#E_AUDIT_PURGED} event by {@code actor} saying how many;
     * returns that number.
     */
    long purgeBefore(Instant before, Actor actor);
}
