package org.keyfob.cli.support;

import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;

/**
 * Records an audit event for an admin change that the store's own methods do not audit (a
 * verified code, a resync, a counter set by hand), naming the OS user who ran keyfob.
 */
public final class AdminAudit {
    private AdminAudit() {
    }

    public static void record(Store store, Session session, AuditEventType type, String user, Serial serial,
            String detail) {
        store.audit().record(AuditEvent.of(session.clock().instant(), type, session.actor(), user, serial, detail));
    }
}
