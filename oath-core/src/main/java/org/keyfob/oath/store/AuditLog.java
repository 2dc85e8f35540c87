package org.keyfob.oath.store;

import java.util.List;

/** Appends and reads audit events. Events are rows in the store, not log lines. */
public interface AuditLog {

    void record(AuditEvent event);

    /** Events matching {@code query} (see {@link AuditQuery} for which), oldest first, at most {@code query.limit()}. */
    List<AuditEntry> query(AuditQuery query);
}
