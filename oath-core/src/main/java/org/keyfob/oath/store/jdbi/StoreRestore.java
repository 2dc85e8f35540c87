package org.keyfob.oath.store.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.RestoreMode;
import org.keyfob.oath.store.RestoreOutcome;
import org.keyfob.oath.store.StoreException;

/**
 * Restores a {@link BackupFile}: reads it whole, checks it (format, schema version, tables and
 * columns, and that the current key file decrypts every sealed secret), and only then, in one
 * transaction, deletes every row (children first) and inserts the backup's (parents first), and
 * moves identity columns past the restored ids. Codes used since the backup stay used: a token's
 * counter never goes back, and pending challenges are not restored. A refused restore writes nothing.
 */
final class StoreRestore {
    private static final int MAX_PROBLEMS = 20;

    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final Clock clock;
    private final String schemaVersion;

    StoreRestore(Jdbi jdbi, SecretCipher cipher, Clock clock, String schemaVersion) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.clock = clock;
        this.schemaVersion = schemaVersion;
    }

    RestoreOutcome restore(InputStream in, RestoreMode mode, Actor actor) {
        BackupFile.Parsed backup;
        try {
            backup = BackupFile.read(in);
        } catch (BackupFile.FormatException e) {
            return new RestoreOutcome.Refused(List.of(e.getMessage()));
        } catch (IOException e) {
            return new RestoreOutcome.Refused(List.of("cannot read the backup: " + e.getMessage()));
        }
        SchemaTables schema;
        try {
            schema = jdbi.withHandle(h -> SchemaTables.read(h.getConnection()));
        } catch (SQLException e) {
            throw new StoreException("restore: reading the store's tables failed: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (!backup.schemaVersion().equals(schemaVersion)) {
            problems.add("the backup is of store schema " + backup.schemaVersion() + ", this store is at schema "
                    + schemaVersion + "; restore it with the Keyfob version that wrote it");
        } else {
            checkTables(backup, schema, problems);
        }
        if (problems.isEmpty()) {
            checkSecrets(backup, problems);
        }
        if (!problems.isEmpty()) {
            if (problems.size() > MAX_PROBLEMS) {
                int more = problems.size() - MAX_PROBLEMS;
                problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
                problems.add("... and " + more + " more");
            }
            return new RestoreOutcome.Refused(problems);
        }
        BackupSummary summary = summary(backup);
        if (mode == RestoreMode.CHECK_ONLY) {
            return new RestoreOutcome.Checked(summary);
        }
        try {
            jdbi.useTransaction(h -> {
                replace(h, schema, backup);
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(clock.instant(), AuditEventType.E_STORE_RESTORED, actor,
                        null, null, "backup created=" + backup.created() + " " + StoreBackup.counts(summary))));
            });
        } catch (SQLException e) {
            // The transaction rolled back: the store holds what it held before.
            // SQL state only: a database's message may quote the row's values.
            throw new StoreException("restore: writing the backup's rows failed (SQL state " + e.getSQLState()
                    + "), nothing was changed; check the database's log");
        }
        return new RestoreOutcome.Restored(summary);
    }

    private static void checkTables(BackupFile.Parsed backup, SchemaTables schema, List<String> problems) {
        for (SchemaTables.Table table : schema.tables()) {
            BackupFile.TableRows rows = backup.table(table.name());
            if (rows == null) {
                problems.add("the backup has no table " + table.name());
            } else if (!new TreeSet<>(rows.columns()).equals(new TreeSet<>(table.columnNames()))) {
                problems.add("table " + table.name() + ": the backup has columns " + rows.columns()
                        + ", the store " + table.columnNames());
            }
        }
        for (BackupFile.TableRows rows : backup.tables()) {
            if (schema.tables().stream().noneMatch(t -> t.name().equals(rows.name()))) {
                problems.add("the backup has a table " + rows.name() + " that this store does not");
            }
        }
    }

    /** Every sealed secret must open with the current key file, or the restored store would be useless. */
    private void checkSecrets(BackupFile.Parsed backup, List<String> problems) {
        for (SealedColumn sealed : SealedColumn.ALL) {
            BackupFile.TableRows rows = backup.table(sealed.table());
            int name = rows.column(sealed.nameColumn());
            int blob = rows.column(sealed.blobColumn());
            int key = rows.column(sealed.keyColumn());
            for (List<Object> row : rows.rows()) {
                try {
                    byte[] plain = cipher.open((String) row.get(key), (byte[]) row.get(blob),
                            sealed.aadPrefix() + row.get(name));
                    Arrays.fill(plain, (byte) 0);
                } catch (StoreException e) {
                    problems.add(e.getMessage());
                } catch (ClassCastException | NullPointerException e) {
                    problems.add("table " + sealed.table() + ": a row's " + sealed.blobColumn() + " or "
                            + sealed.keyColumn() + " is missing or of the wrong type; the backup was altered");
                }
            }
        }
    }

    private static BackupSummary summary(BackupFile.Parsed backup) {
        Map<String, Long> counts = new LinkedHashMap<>();
        TreeSet<String> keyIds = new TreeSet<>();
        for (BackupFile.TableRows rows : backup.tables()) {
            counts.put(rows.name(), (long) rows.rows().size());
        }
        for (SealedColumn sealed : SealedColumn.ALL) {
            BackupFile.TableRows rows = backup.table(sealed.table());
            int key = rows.column(sealed.keyColumn());
            rows.rows().forEach(row -> keyIds.add((String) row.get(key)));
        }
        return new BackupSummary(backup.schemaVersion(), backup.created(), counts, List.copyOf(keyIds));
    }

    private void replace(Handle h, SchemaTables schema, BackupFile.Parsed backup) throws SQLException {
        Connection c = h.getConnection();
        boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
        List<SchemaTables.Table> tables = schema.tables();
        Map<String, Long> highestIds = highestIds(c, tables);
        Map<String, UsedToken> used = usedTokens(c);
        try (Statement s = c.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                s.executeUpdate("DELETE FROM " + tables.get(i).name());
            }
        }
        for (SchemaTables.Table table : tables) {
            // A pending challenge from the backup's time must not come back: its State would be answerable again.
            if (!table.name().equals("challenges")) {
                insert(c, table, backup.table(table.name()));
            }
        }
        keepUsedCodesUsed(c, used);
        for (SchemaTables.Table table : tables) {
            for (SchemaTables.Column column : table.columns()) {
                if (column.identity()) {
                    restartIdentity(c, h2, table.name(), column.name(), highestIds.getOrDefault(table.name(), 0L));
                }
            }
        }
    }

    /** A token's use before the restore: its counter, last use and version, and its sealed seed. */
    private record UsedToken(long counter, Timestamp lastUsed, long version, String keyId, byte[] seed) {
    }

    private static Map<String, UsedToken> usedTokens(Connection c) throws SQLException {
        Map<String, UsedToken> used = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT serial, counter, last_used, version, seed_key_id, seed FROM tokens")) {
            while (rs.next()) {
                used.put(rs.getString(1), new UsedToken(rs.getLong(2), rs.getTimestamp(3), rs.getLong(4),
                        rs.getString(5), rs.getBytes(6)));
            }
        }
        return used;
    }

    /**
     * An older backup holds older counters: restored as they are, every code used since the backup
     * would be accepted again. For each token the store already had with the same seed, the counter
     * (the lowest acceptable factor, HOTP or TOTP) and last use move forward to where they were.
     */
    private void keepUsedCodesUsed(Connection c, Map<String, UsedToken> used) throws SQLException {
        List<String> restored = new ArrayList<>();
        Map<String, UsedToken> sealedNow = usedTokens(c);
        try (PreparedStatement update = c.prepareStatement("UPDATE tokens SET counter = GREATEST(counter, ?),"
                + " last_used = CASE WHEN last_used IS NULL OR last_used < ? THEN ? ELSE last_used END,"
                + " version = GREATEST(version, ?) + 1 WHERE serial = ?")) {
            for (Map.Entry<String, UsedToken> entry : used.entrySet()) {
                UsedToken before = entry.getValue();
                UsedToken after = sealedNow.get(entry.getKey());
                if (after == null || !sameSeed(entry.getKey(), before, after)) {
                    continue;
                }
                update.setLong(1, before.counter());
                update.setTimestamp(2, before.lastUsed());
                update.setTimestamp(3, before.lastUsed());
                update.setLong(4, before.version());
                update.setString(5, entry.getKey());
                update.addBatch();
                restored.add(entry.getKey());
            }
            if (!restored.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    private boolean sameSeed(String serial, UsedToken before, UsedToken after) {
        byte[] a = cipher.open(before.keyId(), before.seed(), "token:" + serial);
        byte[] b = cipher.open(after.keyId(), after.seed(), "token:" + serial);
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    private static Map<String, Long> highestIds(Connection c, List<SchemaTables.Table> tables) throws SQLException {
        Map<String, Long> highest = new HashMap<>();
        for (SchemaTables.Table table : tables) {
            for (SchemaTables.Column column : table.columns()) {
                if (column.identity()) {
                    highest.put(table.name(), maxId(c, table.name(), column.name()));
                }
            }
        }
        return highest;
    }

    /** The highest id in {@code table}; for the audit table, also in {@link AuditBlocks}, whose ids are its own. */
    private static long maxId(Connection c, String table, String column) throws SQLException {
        String sql = table.equals("audit") ? AuditBlocks.HIGHEST_ID
                : "SELECT COALESCE(MAX(" + column + "), 0) FROM " + table;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, SchemaTables.Table table, BackupFile.TableRows rows) throws SQLException {
        List<String> names = rows.columns();
        String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        int[] types = names.stream().mapToInt(n -> table.columns().stream().filter(col -> col.name().equals(n))
                .findFirst().orElseThrow().jdbcType()).toArray();
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            int batched = 0;
            for (List<Object> row : rows.rows()) {
                for (int i = 0; i < names.size(); i++) {
                    BackupFile.bind(insert, i + 1, row.get(i), types[i]);
                }
                insert.addBatch();
                if (++batched % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * New rows must get ids above the restored ones, and never below ids the store handed out before:
     * a sequence change is not rolled back with a failed transaction (PostgreSQL's setval never is),
     * so it must be right even if the restore fails after it.
     */
    private static void restartIdentity(Connection c, boolean h2, String table, String column, long highestBefore)
            throws SQLException {
        long next = Math.max(highestBefore, maxId(c, table, column)) + 1;
        try (Statement s = c.createStatement()) {
            if (h2) {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            } else {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), " + next + ", false)");
            }
        }
    }
}
