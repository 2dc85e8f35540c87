package org.keyfob.oath.store.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;

/** The audit events in a store's file, read past every store: rows and {@link AuditBlocks} alike. */
final class StoredAudit {
    private StoredAudit() {
    }

    /** {@code events} as a checkpoint hands them to {@link AuditBlocks#insert}. */
    static PendingAudit.Taken pending(List<AuditEvent> events) {
        PendingAudit pending = new PendingAudit();
        events.forEach(e -> pending.add(e, 0));
        return pending.take();
    }

    static long count(Connection c, AuditEventType type) throws SQLException {
        long n = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit WHERE event = ?")) {
            s.setString(1, type.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                n += rs.getLong(1);
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT data FROM " + AuditBlocks.TABLE)) {
            while (rs.next()) {
                n += AuditBlocks.decode(rs.getBytes(1)).stream().filter(e -> e.event().type() == type).count();
            }
        }
        return n;
    }
}
