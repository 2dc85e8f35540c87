package org.keyfob.cli.support;

import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;

/**
 * Audit events for admin actions the store's own methods do not audit (a verified code, a resync,
 * a counter set by hand), naming the OS user who ran keyfob.
 */
public final class AdminAudit {
    private AdminAudit() {
    }

    public static void record(Store store, Session session, AuditEventType type, String user, Serial serial,
            String detail) {
        store.audit().record(event(session, type, user, serial, detail));
    }

    /** The event, for store methods that record it in the same transaction as the change. */
    public static AuditEvent event(Session session, AuditEventType type, String user, Serial serial, String detail) {
        return AuditEvent.of(session.clock().instant(), type, session.actor(), user, serial, detail);
    }
}
