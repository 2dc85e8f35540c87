package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportProblem;

/**
 * STYLE.md §5: no exception message, problem or toString from a CSV import shows a secret, in
 * hex, base32 or base64, whole or in part, even when the secret sits in the wrong column.
 */
class CsvSecretLeakTest {
    /** Any run of this many characters from an encoded secret counts as showing it. */
    private static final int WINDOW = 10;
    private static final String AZURE_HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";

    private final Random random = new Random(5);
    private final List<String> encodedSecrets = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    @Test
    void noMessageOrToStringShowsASecret() throws Exception {
        for (int i = 0; i < 30; i++) {
            byte[] seed = bytes(20);
            byte[] shortSeed = bytes(10);
            for (String text : encodings(seed)) {
                String broken = breakOneCharacter(text);
                refused("A1," + broken + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.HEX));
                refused("A1," + broken + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.BASE32));
                refused("A1," + broken + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.BASE64));
                refused("A1," + broken + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.AUTO));
                refused("A1,00," + text + "\n", CsvOptions.defaults());
                refused("A1,00,0," + text + "\n", CsvOptions.defaults());
                refused("A1,\"" + text + "\n", CsvOptions.defaults());
                refused("A1,\"" + text + "\"x\n", CsvOptions.defaults());
                refused("A1," + text + "\"\n", CsvOptions.defaults());
                refused(AZURE_HEADER + "a@x.org,T1," + broken + "," + text + ",,\n", CsvOptions.defaults());
                refused(AZURE_HEADER + "a@x.org,T1," + text + "\n", CsvOptions.defaults());
            }
            for (String text : encodings(shortSeed)) {
                refused("A1," + text + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.AUTO));
            }
            String ambiguous = ambiguousHex();
            refused("A1," + ambiguous + "\n", CsvOptions.defaults().withEncoding(SecretEncoding.AUTO));
            String hex = HexFormat.of().formatHex(seed);
            seen.add(CsvFiles.read("A1," + hex + "\n", CsvOptions.defaults()).toString());
            refusedBytes(("A1," + hex.substring(0, 20) + "\u00e9" + hex.substring(20) + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }

        assertThat(seen).hasSizeGreaterThan(1000);
        for (String secret : encodedSecrets) {
            for (int start = 0; start + WINDOW <= secret.length(); start++) {
                String part = secret.substring(start, start + WINDOW);
                assertThat(seen).noneMatch(text -> text.contains(part));
            }
        }
    }

    private void refused(String csv, CsvOptions options) {
        record(CsvFiles.thrown(csv, options));
    }

    private void refusedBytes(byte[] csv) throws Exception {
        try {
            new CsvReader(CsvOptions.defaults()).read(new ByteArrayInputStream(csv), "tokens.csv");
            throw new AssertionError("a file with invalid UTF-8 was read");
        } catch (ImportException e) {
            record(e);
        }
    }

    private void record(ImportException e) {
        seen.add(e.getMessage());
        seen.add(e.toString());
        for (ImportProblem problem : e.problems()) {
            seen.add(problem.toString());
            seen.add(problem.where());
        }
    }

    private List<String> encodings(byte[] seed) {
        String hex = HexFormat.of().formatHex(seed);
        String base32 = Base32.encode(seed);
        List<String> all = List.of(hex, hex.toUpperCase(Locale.ROOT), base32, base32.toLowerCase(Locale.ROOT),
                Base64.getEncoder().encodeToString(seed));
        encodedSecrets.addAll(all);
        return all;
    }

    /** Replaces one character, not the first or last, with one no encoding allows. */
    private String breakOneCharacter(String text) {
        int at = 1 + random.nextInt(text.length() - 2);
        return text.substring(0, at) + "!" + text.substring(at + 1);
    }

    /** Hex that is also base32-shaped: only 2-7 and a-f. */
    private String ambiguousHex() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("234567abcdef".charAt(random.nextInt(12)));
        }
        encodedSecrets.add(text.toString());
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
