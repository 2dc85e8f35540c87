package org.keyfob.oath.store.jdbi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.StoreException;

/**
 * Writes every row of the store in {@link BackupFile}'s format from one read-only snapshot
 * transaction (H2's SNAPSHOT isolation, PostgreSQL's REPEATABLE READ), so the copy is consistent
 * while keyfobd keeps answering and writing. Secrets are copied as stored: encrypted.
 */
final class StoreBackup {
    /** H2's own isolation level above REPEATABLE READ: every read of the transaction sees one snapshot. */
    private static final int H2_SNAPSHOT = 6;

    private final Jdbi jdbi;
    private final Clock clock;
    private final String schemaVersion;

    StoreBackup(Jdbi jdbi, Clock clock, String schemaVersion) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.schemaVersion = schemaVersion;
    }

    BackupSummary write(OutputStream out, Actor actor) {
        Instant now = clock.instant();
        BackupSummary summary = jdbi.withHandle(h -> {
            try {
                return snapshot(h, out, now);
            } catch (SQLException e) {
                throw new StoreException("backup: reading the store failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        jdbi.useTransaction(h -> JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_STORE_BACKED_UP,
                actor, null, null, "schema=" + summary.schemaVersion() + " " + counts(summary)))));
        return summary;
    }

    private BackupSummary snapshot(Handle h, OutputStream out, Instant now) throws SQLException, IOException {
        Connection c = h.getConnection();
        boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
        // Set before the transaction begins; the pool puts the connection's defaults back on return.
        c.setTransactionIsolation(h2 ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        h.begin();
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
            BackupSummary written = write(c, writer, now);
            writer.flush();
            gzip.finish();
            return written;
        } finally {
            h.rollback();
        }
    }

    private BackupSummary write(Connection c, Writer out, Instant now) throws SQLException, IOException {
        out.write(BackupFile.MAGIC + "\n");
        out.write("""
                # Keyfob store backup: tokens (seeds encrypted), users (PIN hashes), assignments, RADIUS
                # clients (secrets encrypted), the audit log. Keep it private (mode 0600).
                # THE MASTER KEY FILE IS NOT IN THIS BACKUP. Restoring needs the key file the seeds were
                # encrypted with: back that file up separately, and keep the two apart.
                """);
        out.write("schema " + schemaVersion + "\ncreated " + now + "\n");
        Map<String, Long> rows = new LinkedHashMap<>();
        TreeSet<String> keyIds = new TreeSet<>();
        long total = 0;
        for (SchemaTables.Table table : SchemaTables.read(c).tables()) {
            List<String> names = table.columnNames();
            out.write("table " + table.name() + " " + String.join(" ", names) + "\n");
            List<Integer> keyColumns = SealedColumn.ALL.stream().filter(s -> s.table().equals(table.name()))
                    .map(s -> names.indexOf(s.keyColumn()) + 1).toList();
            long n = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT " + String.join(", ", names) + " FROM "
                    + table.name() + " ORDER BY 1")) {
                select.setFetchSize(1000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.write('r');
                        for (int i = 0; i < names.size(); i++) {
                            out.write(' ');
                            BackupFile.writeValue(out, rs, i + 1, table.columns().get(i).jdbcType(),
                                    table.name() + "." + names.get(i));
                        }
                        out.write('\n');
                        for (int k : keyColumns) {
                            keyIds.add(rs.getString(k));
                        }
                        n++;
                    }
                }
            }
            rows.put(table.name(), n);
            total += n;
        }
        out.write("end " + total + "\n");
        return new BackupSummary(schemaVersion, now, rows, List.copyOf(keyIds));
    }

    static String counts(BackupSummary summary) {
        StringBuilder s = new StringBuilder();
        summary.rows().forEach((table, n) -> s.append(s.length() == 0 ? "" : " ").append(table).append('=').append(n));
        return s.toString();
    }
}
