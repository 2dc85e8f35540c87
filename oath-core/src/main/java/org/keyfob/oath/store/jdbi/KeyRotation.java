package org.keyfob.oath.store.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;

/**
 * Moves every secret (token seeds, client secrets) onto the active master key in one transaction:
 * either all rows are re-encrypted or, on any failure, none are.
 */
final class KeyRotation {
    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final Clock clock;

    KeyRotation(Jdbi jdbi, SecretCipher cipher, Clock clock) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.clock = clock;
    }

    int reencryptAll(Actor actor) {
        Instant now = clock.instant();
        String active = cipher.activeKeyId();
        return jdbi.inTransaction(h -> {
            int n = 0;
            for (SealedColumn column : SealedColumn.ALL) {
                n += reencrypt(h, column.table(), column.nameColumn(), column.blobColumn(), column.keyColumn(),
                        column.aadPrefix(), active);
            }
            JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_KEY_ROTATED, actor, null, null,
                    "key=" + active + " reencrypted=" + n)));
            return n;
        });
    }

    private int reencrypt(Handle h, String table, String nameColumn, String blobColumn, String keyColumn,
            String aadPrefix, String active) {
        List<Row> rows = h.createQuery("SELECT id, " + nameColumn + ", " + blobColumn + ", " + keyColumn
                        + " FROM " + table + " WHERE " + keyColumn + " <> :active FOR UPDATE")
                .bind("active", active)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getString(4)))
                .list();
        for (Row row : rows) {
            String aad = aadPrefix + row.name();
            byte[] plain = cipher.open(row.keyId(), row.blob(), aad);
            SecretCipher.Sealed sealed = cipher.seal(plain, aad);
            Arrays.fill(plain, (byte) 0);
            h.createUpdate("UPDATE " + table + " SET " + blobColumn + " = :blob, " + keyColumn + " = :key WHERE id = :id")
                    .bind("blob", sealed.blob()).bind("key", sealed.keyId()).bind("id", row.id()).execute();
        }
        return rows.size();
    }

    private record Row(long id, String name, byte[] blob, String keyId) {
    }
}
