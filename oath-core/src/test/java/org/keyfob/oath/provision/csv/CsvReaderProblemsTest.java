package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.provision.ImportException;

/**
 * Every way a file is refused, with the exact message an admin reads (STYLE.md §7): file and line
 * from 1, the field, what was expected, and what to do.
 */
class CsvReaderProblemsTest {
    private static final String SEED = "3132333435363738393031323334353637383930";
    private static final String BASE32_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String AZURE_HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";
    private static final CsvOptions DEFAULTS = CsvOptions.defaults();

    @Test
    void badHexNamesThePositionNotTheText() {
        assertThat(CsvFiles.problems("serial,secret\nA1,31zz3334353637383930313233343536\n", DEFAULTS))
                .containsExactly("tokens.csv:2: field \"secret\": character 3 is not hex (0-9, a-f)");
    }

    @Test
    void badBase32InAnAzureFile() {
        assertThat(CsvFiles.problems(AZURE_HEADER + "a@x.org,T1,GEZD1NBVGY3TQOJQGEZDGNBVGY3TQOJQ,30,Token2,C202\n",
                DEFAULTS)).containsExactly("tokens.csv:2: field \"secret key\": character 5 is not base32 (A-Z, 2-7)");
    }

    @Test
    void shortSeedSaysHowToAllowIt() {
        assertThat(CsvFiles.problems("A1,31323334353637383930\n", DEFAULTS)).containsExactly(
                "tokens.csv:1: field \"secret\": seed is 10 bytes (80 bits), under the 16 bytes (128 bits)"
                + " RFC 4226 §4 requires; allow short seeds in the import options to take it anyway");
    }

    @Test
    void negativeCounter() {
        assertThat(CsvFiles.problems("A1," + SEED + ",-5\n", DEFAULTS))
                .containsExactly("tokens.csv:1: field \"counter\": \"-5\" is not a non-negative integer");
    }

    @Test
    void counterThatIsTooLongToShowIsDescribedByItsLength() {
        assertThat(CsvFiles.problems("A1," + SEED + "," + SEED + "\n", DEFAULTS)).containsExactly(
                "tokens.csv:1: field \"counter\": a value of 40 characters is not a non-negative integer");
    }

    @Test
    void nonNumericTimeInterval() {
        assertThat(CsvFiles.problems(AZURE_HEADER + "a@x.org,T1," + BASE32_SEED + ",thirty,,\n", DEFAULTS))
                .containsExactly("tokens.csv:2: field \"time interval\": \"thirty\" is not a whole number"
                        + " of seconds from 1 to 3600 (usually 30 or 60)");
    }

    @Test
    void duplicateSerialNamesBothLines() {
        assertThat(CsvFiles.problems("FTK1," + SEED + "\n# spare\nFTK1," + SEED + "\n", DEFAULTS)).containsExactly(
                "tokens.csv:3: field \"serial\": \"FTK1\" is also on line 1; a serial may appear once per file");
    }

    @Test
    void missingField() {
        assertThat(CsvFiles.problems("A1\n", DEFAULTS))
                .containsExactly("tokens.csv:1: field \"secret\": missing; expected serial,secret[,counter]");
        assertThat(CsvFiles.problems(AZURE_HEADER + "a@x.org,T1," + BASE32_SEED + ",30,Token2\n", DEFAULTS))
                .containsExactly("tokens.csv:2: field \"model\": missing;"
                        + " expected upn,serial number,secret key,time interval,manufacturer,model");
    }

    @Test
    void tooManyFieldsDoesNotShowThem() {
        assertThat(CsvFiles.problems("A1," + SEED + ",0," + SEED + "\n", DEFAULTS))
                .containsExactly("tokens.csv:1: has 4 fields, expected serial,secret[,counter]");
    }

    @Test
    void ambiguousSecretAsksForTheEncoding() {
        assertThat(CsvFiles.problems("A1,3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f\n", DEFAULTS.withEncoding(SecretEncoding.AUTO)))
                .containsExactly("tokens.csv:1: field \"secret\": could be hex or base32;"
                        + " set the secret encoding for this file (HEX or BASE32) to say which");
    }

    @Test
    void emptyRequiredFields() {
        assertThat(CsvFiles.problems(" ,\n", DEFAULTS)).containsExactly(
                "tokens.csv:1: field \"serial\": is empty", "tokens.csv:1: field \"secret\": is empty");
        assertThat(CsvFiles.problems(AZURE_HEADER + ",T1," + BASE32_SEED + ",30,,\n", DEFAULTS)).containsExactly(
                "tokens.csv:2: field \"upn\": is empty; name the user the token belongs to");
    }

    @Test
    void serialWithASpaceUsesTheSerialRule() {
        assertThat(CsvFiles.problems("\"FTK 1\"," + SEED + "\n", DEFAULTS)).containsExactly(
                "tokens.csv:1: field \"serial\": serial \"FTK 1\" has a space or control character at position 4");
    }

    @Test
    void unclosedQuoteCostsOnlyItsLine() {
        assertThat(CsvFiles.problems("A1," + SEED + "\nA2,\"" + SEED + "\nA3,zz\n", DEFAULTS)).containsExactly(
                "tokens.csv:2: field \"secret\" opens a quote that is not closed on this line",
                "tokens.csv:3: field \"secret\": character 1 is not hex (0-9, a-f)");
    }

    @Test
    void headerWithAWrongColumnName() {
        assertThat(CsvFiles.problems("upn,serial,secret key,time interval,manufacturer,model\n", DEFAULTS))
                .contains("tokens.csv:1: header column 2 is \"serial\", expected \"serial number\""
                        + " (upn,serial number,secret key,time interval,manufacturer,model)");
    }

    @Test
    void headerThatContradictsTheOptions() {
        assertThat(CsvFiles.problems(AZURE_HEADER + "a@x.org,T1," + BASE32_SEED + ",30,,\n",
                DEFAULTS.withDialect(CsvDialect.SEED_LIST))).containsExactly(
                "tokens.csv:1: header is the AZURE_MFA layout (upn,serial number,secret key,time interval,"
                + "manufacturer,model) but the import options ask for SEED_LIST (serial,secret[,counter])");
    }

    @Test
    void fileWithoutTokensIsRefused() {
        assertThat(CsvFiles.problems("# nothing yet\n\nserial,secret\n", DEFAULTS))
                .containsExactly("tokens.csv: holds no tokens (only blank lines, comments or a header)");
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] bytes = ("A1," + SEED + "\nA2,\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new CsvReader(DEFAULTS).read(new ByteArrayInputStream(bytes), "latin1.csv"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("latin1.csv:2: is not valid UTF-8; save the file as UTF-8 and import again"));
    }

    @Test
    void everyProblemOnEveryLineIsCollectedAndTheWholeFileRefused() {
        String csv = "A1," + SEED + "\nA2,zz,-1\nA3," + SEED + "\nA4,31323334353637383930\n";

        assertThat(CsvFiles.problems(csv, DEFAULTS)).containsExactly(
                "tokens.csv:2: field \"secret\": character 1 is not hex (0-9, a-f)",
                "tokens.csv:2: field \"counter\": \"-1\" is not a non-negative integer",
                "tokens.csv:4: field \"secret\": seed is 10 bytes (80 bits), under the 16 bytes (128 bits)"
                + " RFC 4226 §4 requires; allow short seeds in the import options to take it anyway");
    }

    @Test
    void stopsAtTheProblemCapAndSaysWhere() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            csv.append("S").append(i).append(",zz\n");
        }

        List<String> problems = CsvFiles.problems(csv.toString(), DEFAULTS);

        assertThat(problems).hasSize(ImportException.MAX_PROBLEMS + 1);
        assertThat(problems.get(ImportException.MAX_PROBLEMS - 1)).startsWith("tokens.csv:100: ");
        assertThat(problems.get(ImportException.MAX_PROBLEMS))
                .isEqualTo("tokens.csv:101: not read: stopped after 100 problems; fix these and import again");
    }

    @Test
    void exceptionMessageListsEveryProblem() {
        ImportException e = CsvFiles.thrown("A1,zz\nA2,yy\n", DEFAULTS);

        assertThat(e).hasMessage("2 problem(s):\n"
                + "tokens.csv:1: field \"secret\": character 1 is not hex (0-9, a-f)\n"
                + "tokens.csv:2: field \"secret\": character 1 is not hex (0-9, a-f)");
    }
}
