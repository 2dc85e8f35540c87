package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.provision.ImportedToken;

/** A vendor order of 100,000 tokens, generated as it is read, so nothing large sits in the repository. */
class CsvLargeFileTest {
    private static final int ROWS = 100_000;

    @Test
    void readsAHundredThousandRowStreamWithoutError() throws Exception {
        List<ImportedToken> tokens = new CsvReader(CsvOptions.defaults()).read(generated(), "order-100k.csv");

        assertThat(tokens).hasSize(ROWS);
        assertThat(tokens.get(ROWS - 1).origin()).isEqualTo("order-100k.csv:" + (ROWS + 1));
        assertThat(tokens.get(ROWS - 1).token().serial().value()).isEqualTo("FTK" + (ROWS - 1));
    }

    /** A header, then one row per token, each produced only when the reader gets to it. */
    private static InputStream generated() {
        Random random = new Random(100_000);
        Enumeration<InputStream> lines = new Enumeration<>() {
            private int row = -1;

            @Override
            public boolean hasMoreElements() {
                return row < ROWS;
            }

            @Override
            public InputStream nextElement() {
                String line = row < 0 ? "serial,secret,counter\r\n" : row(row);
                row++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }

            private String row(int n) {
                byte[] seed = new byte[20];
                random.nextBytes(seed);
                return "FTK" + n + "," + HexFormat.of().formatHex(seed) + "," + random.nextInt(1000) + "\r\n";
            }
        };
        return new SequenceInputStream(lines);
    }
}
