package org.keyfob.oath.store.jdbi;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store's tables as the database describes them, parents before children (by foreign key),
 * Flyway's history table and the embedded store's journal checkpoint left out. Read from JDBC
 * metadata rather than listed by hand, so a table added by a later migration is in every backup
 * without anyone remembering to add it here.
 * Names are lower case on both databases (H2 reports them in upper case).
 */
record SchemaTables(List<Table> tables) {

    record Column(String name, int jdbcType, boolean identity) {
    }

    record Table(String name, List<Column> columns) {
        Table {
            columns = List.copyOf(columns);
        }

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    SchemaTables {
        tables = List.copyOf(tables);
    }

    static SchemaTables read(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Map<String, String> dbNames = new TreeMap<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String name = rs.getString("TABLE_NAME");
                if (("TABLE".equals(type) || "BASE TABLE".equals(type))
                        && !name.equalsIgnoreCase("flyway_schema_history")
                        && !name.equalsIgnoreCase(JournalCheckpoint.TABLE)) {
                    dbNames.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        Map<String, Set<String>> parents = new TreeMap<>();
        Map<String, Table> tables = new TreeMap<>();
        for (Map.Entry<String, String> e : dbNames.entrySet()) {
            Set<String> ps = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, schema, e.getValue())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(e.getKey())) {
                        ps.add(parent);
                    }
                }
            }
            parents.put(e.getKey(), ps);
            tables.put(e.getKey(), new Table(e.getKey(), columns(meta, schema, e.getValue())));
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            boolean progress = false;
            for (String name : tables.keySet()) {
                if (!placed.contains(name) && placed.containsAll(parents.get(name))) {
                    placed.add(name);
                    ordered.add(tables.get(name));
                    progress = true;
                }
            }
            if (!progress) {
                throw new AssertionError("foreign keys form a cycle among " + tables.keySet() + "; backup needs an order");
            }
        }
        return new SchemaTables(ordered);
    }

    private static List<Column> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<Integer, Column> byPosition = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                byPosition.put(rs.getInt("ORDINAL_POSITION"), new Column(
                        rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"),
                        "YES".equals(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return List.copyOf(byPosition.values());
    }

    Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + tables));
    }
}
