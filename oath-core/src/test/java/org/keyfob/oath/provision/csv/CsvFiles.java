package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportProblem;
import org.keyfob.oath.provision.ImportedToken;

/** Reads CSV text given in a test as the file {@code tokens.csv}. */
final class CsvFiles {
    static final String NAME = "tokens.csv";

    private CsvFiles() {
    }

    static List<ImportedToken> read(String csv, CsvOptions options) throws ImportException {
        try {
            return new CsvReader(options).read(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems, as an admin sees them, that make reading {@code csv} fail. */
    static List<String> problems(String csv, CsvOptions options) {
        return thrown(csv, options).problems().stream().map(ImportProblem::toString).toList();
    }

    static ImportException thrown(String csv, CsvOptions options) {
        ImportException[] caught = new ImportException[1];
        assertThatThrownBy(() -> read(csv, options)).isInstanceOfSatisfying(ImportException.class,
                e -> caught[0] = e);
        return caught[0];
    }
}
