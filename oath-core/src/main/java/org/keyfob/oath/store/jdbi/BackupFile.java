package org.keyfob.oath.store.jdbi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The backup format: gzip-compressed UTF-8 lines.
 * <pre>
 * keyfob-backup 1
 * # comments
 * schema 3                              (Flyway version of the store)
 * created 2026-11-22T10:00:00Z
 * table tokens id serial kind ...       (then one "r" line per row, values in column order)
 * r i1 sVE9LRU4tMQ== ... -
 * end 1234                              (number of rows: a truncated file is refused)
 * </pre>
 * A value is a type letter and its text: {@code i} integer, {@code s} base64 of UTF-8 text,
 * {@code b} base64 bytes, {@code t} ISO-8601 offset date-time, {@code z} boolean, {@code -} null.
 * Base64 keeps every value one space-free word; the sealed secrets are the store's ciphertext.
 */
final class BackupFile {
    static final String MAGIC = "keyfob-backup 1";

    private BackupFile() {
    }

    /** One table's rows as read from a backup; values are Long, String, byte[], OffsetDateTime, Boolean or null. */
    record TableRows(String name, List<String> columns, List<List<Object>> rows) {
        int column(String column) {
            return columns.indexOf(column);
        }
    }

    /** A whole backup, parsed and checked for shape, not yet against any store. */
    record Parsed(String schemaVersion, Instant created, List<TableRows> tables) {
        TableRows table(String name) {
            return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** A backup file is not in this format; the message names the line. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    static void writeValue(Writer out, ResultSet rs, int index, int jdbcType, String where)
            throws SQLException, IOException {
        String word = switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(index);
                yield rs.wasNull() ? null : "i" + v;
            }
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.CLOB -> {
                String v = rs.getString(index);
                yield v == null ? null : "s" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] v = rs.getBytes(index);
                yield v == null ? null : "b" + Base64.getEncoder().encodeToString(v);
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime v = rs.getObject(index, OffsetDateTime.class);
                yield v == null ? null : "t" + v;
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(index);
                yield rs.wasNull() ? null : "z" + v;
            }
            default -> throw new AssertionError(where + " has JDBC type " + jdbcType + ", which backup does not"
                    + " know; teach BackupFile that type");
        };
        out.write(word == null ? "-" : word);
    }

    static void bind(PreparedStatement statement, int index, Object value, int jdbcType) throws SQLException {
        if (value == null) {
            statement.setNull(index, jdbcType);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof byte[] b) {
            statement.setBytes(index, b);
        } else if (value instanceof OffsetDateTime t) {
            statement.setObject(index, t);
        } else if (value instanceof Boolean z) {
            statement.setBoolean(index, z);
        } else {
            throw new AssertionError("parser produced a " + value.getClass());
        }
    }

    static Parsed read(InputStream in) throws IOException, FormatException {
        BufferedReader reader;
        try {
            reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
        } catch (java.util.zip.ZipException e) {
            throw new FormatException(1, "not a Keyfob backup (not gzip-compressed: " + e.getMessage() + ")");
        }
        String schema = null;
        Instant created = null;
        List<TableRows> tables = new ArrayList<>();
        TableRows current = null;
        long rows = 0;
        int number = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1) {
                if (!line.equals(MAGIC)) {
                    throw new FormatException(1, "expected \"" + MAGIC + "\", not a Keyfob backup of this version");
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split(" ");
            switch (words[0]) {
                case "schema" -> schema = argument(words, number);
                case "created" -> created = instant(argument(words, number), number);
                case "table" -> {
                    if (words.length < 3) {
                        throw new FormatException(number, "a table line needs a name and columns");
                    }
                    current = new TableRows(words[1], List.of(words).subList(2, words.length), new ArrayList<>());
                    tables.add(current);
                }
                case "r" -> {
                    if (current == null || words.length - 1 != current.columns().size()) {
                        throw new FormatException(number, current == null ? "a row before any table line"
                                : "expected " + current.columns().size() + " values for " + current.name()
                                        + ", found " + (words.length - 1));
                    }
                    List<Object> values = new ArrayList<>(words.length - 1);
                    for (int i = 1; i < words.length; i++) {
                        values.add(value(words[i], number, current.columns().get(i - 1)));
                    }
                    current.rows().add(values);
                    rows++;
                }
                case "end" -> {
                    if (schema == null || created == null) {
                        throw new FormatException(number, "the schema or created line is missing");
                    }
                    if (!String.valueOf(rows).equals(argument(words, number))) {
                        throw new FormatException(number, "the file says " + words[1] + " rows but holds " + rows);
                    }
                    return new Parsed(schema, created, tables);
                }
                default -> throw new FormatException(number, "unknown line \"" + words[0] + "\"");
            }
        }
        throw new FormatException(number, "the file ends before its end line: it was cut short; use a complete copy");
    }

    private static String argument(String[] words, int line) throws FormatException {
        if (words.length != 2) {
            throw new FormatException(line, "\"" + words[0] + "\" takes one value");
        }
        return words[1];
    }

    private static Instant instant(String text, int line) throws FormatException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FormatException(line, "\"" + text + "\" is not an ISO-8601 instant");
        }
    }

    private static Object value(String word, int line, String column) throws FormatException {
        if (word.equals("-")) {
            return null;
        }
        String text = word.substring(1);
        try {
            return switch (word.charAt(0)) {
                case 'i' -> Long.parseLong(text);
                case 's' -> new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                case 'b' -> Base64.getDecoder().decode(text);
                case 't' -> OffsetDateTime.parse(text);
                case 'z' -> Boolean.parseBoolean(text);
                default -> throw new FormatException(line, "column " + column + ": unknown value type '"
                        + word.charAt(0) + "'");
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // Deliberately without the value: it may be a PIN hash or ciphertext.
            throw new FormatException(line, "column " + column + ": the value does not parse as type '"
                    + word.charAt(0) + "'");
        }
    }
}
