package org.keyfob.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --output table|json|csv} for read commands: an aligned table for people, JSON (an array
 * of objects, keys as the column names) and CSV (RFC 4180, header row) for scripts. The column
 * names are stable; scripts may rely on them.
 */
public final class OutputOption {
    public enum Format { table, json, csv }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    Format format = Format.table;

    public void write(PrintWriter out, List<String> columns, List<List<String>> rows) {
        switch (format) {
            case table -> table(out, columns, rows);
            case json -> json(out, columns, rows);
            case csv -> csv(out, columns, rows);
        }
        out.flush();
    }

    private static void table(PrintWriter out, List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList());
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void json(PrintWriter out, List<String> columns, List<List<String>> rows) {
        out.println(rows.stream().map(row -> {
            StringBuilder o = new StringBuilder("{");
            for (int i = 0; i < columns.size(); i++) {
                o.append(i == 0 ? "" : ", ").append(quote(columns.get(i))).append(": ").append(quote(row.get(i)));
            }
            return o.append('}').toString();
        }).collect(Collectors.joining(",\n  ", "[\n  ", "\n]")).replace("[\n  \n]", "[]"));
    }

    private static void csv(PrintWriter out, List<String> columns, List<List<String>> rows) {
        out.println(columns.stream().map(OutputOption::csvField).collect(Collectors.joining(",")));
        rows.forEach(row -> out.println(row.stream().map(OutputOption::csvField).collect(Collectors.joining(","))));
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> q.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return q.append('"').toString();
    }

    /** {@code s} as one CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
    public static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
