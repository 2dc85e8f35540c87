package org.keyfob.oath.provision.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into fields as RFC 4180 §2 writes them: commas between fields, a field in double
 * quotes may hold commas, and {@code ""} inside it is one quote. Spaces around a quoted field are
 * ignored. Unlike RFC 4180, a quoted field must close on its own line: token files have no use for
 * line breaks in a field, and an unclosed quote then costs one line, not the rest of the file.
 */
final class CsvLineSplitter {
    private CsvLineSplitter() {
    }

    /** A line that is not well-formed CSV; the message names the column, never its text. */
    static final class MalformedLine extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int column;

        MalformedLine(int column, String message) {
            super(message);
            this.column = column;
        }

        /** The column, from 0, of the field at fault. */
        int column() {
            return column;
        }
    }

    /** The fields of {@code line}, unquoted but otherwise as written (not stripped). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            int column = fields.size();
            int start = skipSpaces(line, i);
            StringBuilder field = new StringBuilder();
            if (start < line.length() && line.charAt(start) == '"') {
                i = readQuoted(line, start + 1, field, column);
                i = skipSpaces(line, i);
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new MalformedLine(column, "has text after its closing quote");
                }
            } else {
                int end = line.indexOf(',', i);
                end = end < 0 ? line.length() : end;
                if (line.substring(i, end).indexOf('"') >= 0) {
                    throw new MalformedLine(column, "has a quote inside an unquoted field;"
                            + " quote the whole field and double the quotes in it");
                }
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    /** Reads a quoted field's content from {@code i} into {@code out}; returns the index after the closing quote. */
    private static int readQuoted(String line, int i, StringBuilder out, int column) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                out.append('"');
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new MalformedLine(column, "opens a quote that is not closed on this line");
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
