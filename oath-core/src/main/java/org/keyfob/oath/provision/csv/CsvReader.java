package org.keyfob.oath.provision.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportProblem;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.provision.SerialIndex;

/**
 * Reads a CSV token file in one of the {@link CsvDialect}s into {@link ImportedToken} values, or
 * refuses the whole file with an {@link ImportException} listing every problem found.
 *
 * <p>The file is UTF-8, a leading byte order mark is ignored, lines end in CRLF or LF. Blank lines
 * and lines starting with {@code #} are skipped (so a serial that starts with {@code #} must be
 * quoted when it begins a line). The first other line may be a header row, which
 * names the dialect ({@link CsvDialect}); without one the dialect comes from {@link CsvOptions}.
 * Fields follow RFC 4180 quoting, except that a quoted field must end on its own line; spaces around
 * fields are trimmed. A serial may appear once per file. Each problem is located as
 * {@code file:line} (lines from 1) and names the field; no message shows a secret. After
 * {@link ImportException#MAX_PROBLEMS} problems reading stops, with a note saying where.
 *
 * <p>Instances are immutable and thread-safe. Opens no files and stores nothing: the caller passes
 * a stream and stores the result in one transaction.
 */
public final class CsvReader {
    private final CsvOptions options;

    /** A reader applying {@code options} to every file it reads. */
    public CsvReader(CsvOptions options) {
        this.options = options;
    }

    /**
     * Reads every token in {@code in}; does not close it.
     *
     * @param fileName how messages name the file, e.g. {@code tokens.csv}
     * @return the tokens in file order, each with its origin {@code fileName:line}
     * @throws ImportException if anything in the file is wrong, listing each problem
     * @throws IOException if the stream cannot be read
     */
    public List<ImportedToken> read(InputStream in, String fileName) throws IOException, ImportException {
        List<ImportedToken> tokens = new ArrayList<>();
        read(in, fileName, tokens::add);
        return List.copyOf(tokens);
    }

    /**
     * Reads every token in {@code in} and hands each to {@code each} as soon as its line is read,
     * while the file has shown no problem; holds one line at a time plus about 24 bytes per serial
     * (to refuse duplicates), so a file of any size reads in near-constant memory. When this
     * method throws, tokens already handed over came from a file that is refused as a whole: the
     * caller must discard them (roll back its transaction).
     *
     * @throws ImportException if anything in the file is wrong, listing each problem
     * @throws IOException if the stream cannot be read
     */
    public void read(InputStream in, String fileName, Consumer<ImportedToken> each) throws IOException, ImportException {
        new Pass(fileName, each).run(new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))));
    }

    /** The state of reading one file. */
    private final class Pass {
        private final String fileName;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final Consumer<ImportedToken> each;
        private final SerialIndex serialLines = new SerialIndex();
        private int tokens;
        private CsvDialect dialect;
        private RowParser parser;
        private int lineNumber;

        Pass(String fileName, Consumer<ImportedToken> each) {
            this.fileName = fileName;
            this.each = each;
        }

        void run(BufferedReader reader) throws IOException, ImportException {
            String line;
            while ((line = nextLine(reader)) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String content = line.strip();
                if (!content.isEmpty() && !content.startsWith("#")) {
                    readLine(line);
                }
                if (problems.size() >= ImportException.MAX_PROBLEMS) {
                    stopEarly(reader);
                    break;
                }
            }
            if (problems.isEmpty() && tokens == 0) {
                problems.add(new ImportProblem(fileName, "holds no tokens (only blank lines, comments or a header)"));
            }
            if (!problems.isEmpty()) {
                throw new ImportException(problems);
            }
        }

        private String nextLine(BufferedReader reader) throws IOException {
            try {
                return reader.readLine();
            } catch (CharacterCodingException e) {
                // The decoder cannot say where on the line; the line number is enough to find it.
                problem(lineNumber + 1, "is not valid UTF-8; save the file as UTF-8 and import again");
                return null;
            }
        }

        private void readLine(String line) {
            List<String> fields;
            try {
                fields = CsvLineSplitter.split(line);
            } catch (CsvLineSplitter.MalformedLine e) {
                problem(lineNumber, columnName(e.column()) + " " + e.getMessage());
                return;
            }
            if (parser == null && header(fields)) {
                return;
            }
            if (parser == null) {
                start(options.dialect().orElse(CsvDialect.SEED_LIST));
            }
            checkDuplicate(fields);
            String origin = fileName + ":" + lineNumber;
            List<String> messages = new ArrayList<>();
            Optional<ImportedToken> token = parser.parse(fields, origin, messages);
            messages.forEach(message -> problem(lineNumber, message));
            if (token.isPresent()) {
                tokens++;
                if (problems.isEmpty()) {
                    each.accept(token.get());
                }
            }
        }

        /** Takes {@code fields} as the header row if it names a dialect; reports a bad one. */
        private boolean header(List<String> fields) {
            Optional<CsvDialect> named = CsvDialect.ofHeader(fields);
            if (named.isEmpty()) {
                return false;
            }
            start(named.get());
            named.get().headerProblem(fields).ifPresent(message -> problem(lineNumber, message));
            options.dialect().filter(wanted -> wanted != named.get()).ifPresent(wanted ->
                    problem(lineNumber, "header is the " + named.get() + " layout (" + named.get().layout()
                            + ") but the import options ask for " + wanted + " (" + wanted.layout() + ")"));
            return true;
        }

        private void start(CsvDialect fileDialect) {
            dialect = fileDialect;
            parser = new RowParser(fileDialect, options);
        }

        private void checkDuplicate(List<String> fields) {
            int column = dialect.serialColumn();
            String serial = fields.size() > column ? fields.get(column).strip() : "";
            if (serial.isEmpty()) {
                return;
            }
            OptionalInt first = serialLines.putIfAbsent(serial, lineNumber);
            if (first.isPresent()) {
                problem(lineNumber, RowParser.field(dialect.columns().get(column),
                        "\"" + serial + "\" is also on line " + first.getAsInt() + "; a serial may appear once per file"));
            }
        }

        private String columnName(int column) {
            return dialect != null && column < dialect.columns().size()
                    ? "field \"" + dialect.columns().get(column) + "\"" : "field " + (column + 1);
        }

        private void stopEarly(BufferedReader reader) throws IOException {
            while (problems.size() > ImportException.MAX_PROBLEMS) {
                problems.remove(problems.size() - 1);
            }
            if (nextLine(reader) != null) {
                problem(lineNumber + 1, "not read: stopped after " + ImportException.MAX_PROBLEMS
                        + " problems; fix these and import again");
            }
        }

        private void problem(int line, String message) {
            problems.add(new ImportProblem(fileName + ":" + line, message));
        }
    }
}
