package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.TokenSpec;

/**
 * Property: whatever legal variation a file is written in, reading it gives back the tokens that
 * were written. A seeded loop, so a failure names its round and repeats.
 */
class CsvRoundTripTest {
    private static final String SERIAL_CHARS = "ABCDEFXYZ0123456789-_.:/#,\"";
    private static final String TEXT_CHARS = "abcdefXYZ0123 ,\"#-";
    private static final SecretEncoding[] ENCODINGS = {SecretEncoding.HEX, SecretEncoding.BASE32, SecretEncoding.BASE64};

    @Test
    void seedListsReadBackAsWritten() throws Exception {
        Random random = new Random(4226);
        for (int round = 0; round < 200; round++) {
            List<CsvTestWriter.Row> rows = rows(random);
            SecretEncoding encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
            TokenSpec spec = random.nextBoolean() ? TokenSpec.hotp(HashAlgorithm.SHA1, 6)
                    : TokenSpec.totp(HashAlgorithm.SHA256, 8, Duration.ofSeconds(1 + random.nextInt(3600)));
            String csv = new CsvTestWriter(random).seedList(rows, encoding);

            List<ImportedToken> read = CsvFiles.read(csv, CsvOptions.defaults().withSpec(spec).withEncoding(encoding));

            assertThat(read).describedAs("round %d:\n%s", round, csv).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                CsvTestWriter.Row row = rows.get(i);
                ImportedToken token = read.get(i);
                assertSame(row, token, round);
                assertThat(token.token().state().counter()).isEqualTo(row.counter());
                assertThat(token.token().spec()).isEqualTo(spec);
                assertThat(token.user()).isEmpty();
            }
        }
    }

    @Test
    void azureFilesReadBackAsWritten() throws Exception {
        Random random = new Random(6238);
        for (int round = 0; round < 200; round++) {
            List<CsvTestWriter.Row> rows = rows(random);
            boolean header = random.nextInt(4) != 0;
            String csv = new CsvTestWriter(random).azure(rows, header);
            CsvOptions options = header ? CsvOptions.defaults() : CsvOptions.defaults().withDialect(CsvDialect.AZURE_MFA);

            List<ImportedToken> read = CsvFiles.read(csv, options);

            assertThat(read).describedAs("round %d:\n%s", round, csv).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                CsvTestWriter.Row row = rows.get(i);
                ImportedToken token = read.get(i);
                assertSame(row, token, round);
                assertThat(token.token().spec().step()).isEqualTo(Duration.ofSeconds(row.stepSeconds()));
                assertThat(token.user()).contains(row.upn());
                assertThat(token.details()).isEqualTo(new TokenDetails(present(row.manufacturer()),
                        present(row.model()), Optional.empty()));
            }
        }
    }

    private static void assertSame(CsvTestWriter.Row row, ImportedToken token, int round) {
        assertThat(token.token().serial().value()).describedAs("round %d", round).isEqualTo(row.serial());
        assertThat(token.token().seed().matches(row.secret())).describedAs("round %d, %s", round, row.serial()).isTrue();
    }

    private static List<CsvTestWriter.Row> rows(Random random) {
        List<CsvTestWriter.Row> rows = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            byte[] secret = new byte[16 + random.nextInt(49)];
            random.nextBytes(secret);
            long counter = random.nextInt(3) == 0 ? 0 : random.nextLong() & Long.MAX_VALUE;
            int step = random.nextBoolean() ? 30 : random.nextBoolean() ? 60 : 1 + random.nextInt(3600);
            rows.add(new CsvTestWriter.Row("user" + i + "@example.org", text(random, SERIAL_CHARS, 1) + i,
                    Seed.of(secret), counter, step, text(random, TEXT_CHARS, 0).strip(), text(random, TEXT_CHARS, 0).strip()));
        }
        return rows;
    }

    private static String text(Random random, String chars, int minLength) {
        StringBuilder text = new StringBuilder();
        int length = minLength + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    private static Optional<String> present(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
