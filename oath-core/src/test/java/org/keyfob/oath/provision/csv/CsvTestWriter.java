package org.keyfob.oath.provision.csv;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.token.Seed;

/**
 * Writes tokens as CSV with the legal variations vendors produce (header or not, comments, blank
 * lines, CRLF, BOM, quoting, padding, spaces, case), chosen by a seeded {@link Random}.
 */
final class CsvTestWriter {
    /** One token as a file describes it; {@code counter} is written for seed lists only. */
    record Row(String upn, String serial, Seed secret, long counter, int stepSeconds, String manufacturer,
            String model) {
    }

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    CsvTestWriter(Random random) {
        this.random = random;
    }

    String seedList(List<Row> rows, SecretEncoding encoding) {
        start();
        if (random.nextBoolean()) {
            line(List.of(pick("serial", "Serial Number", "SN"), pick("secret", "seed", "Secret Key"), "counter"));
        }
        for (Row row : rows) {
            List<String> fields = new ArrayList<>(List.of(row.serial(), secret(row.secret(), encoding)));
            if (row.counter() != 0 || random.nextBoolean()) {
                fields.add(Long.toString(row.counter()));
            }
            noise();
            line(fields);
        }
        return out.toString();
    }

    /** An Azure MFA file; with {@code header} false the reader must be told the dialect. */
    String azure(List<Row> rows, boolean header) {
        start();
        if (header) {
            line(CsvDialect.AZURE_MFA.columns());
        }
        for (Row row : rows) {
            noise();
            line(List.of(row.upn(), row.serial(), secret(row.secret(), SecretEncoding.BASE32),
                    Integer.toString(row.stepSeconds()), row.manufacturer(), row.model()));
        }
        return out.toString();
    }

    private void start() {
        out.setLength(0);
        if (random.nextInt(4) == 0) {
            out.append('\uFEFF');
        }
    }

    private void noise() {
        switch (random.nextInt(8)) {
            case 0 -> out.append(eol());
            case 1 -> out.append("# batch ").append(random.nextInt(1000)).append(", do not edit").append(eol());
            case 2 -> out.append("   ").append(eol());
            default -> { }
        }
    }

    private void line(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        out.append(random.nextInt(4) == 0 ? " \t" : "").append(eol());
    }

    private String field(String value) {
        boolean mustQuote = value.contains(",") || value.contains("\"") || value.startsWith("#");
        String pad = random.nextInt(5) == 0 ? " " : "";
        if (mustQuote || random.nextInt(5) == 0) {
            return pad + "\"" + value.replace("\"", "\"\"") + "\"" + pad;
        }
        return pad + value + pad;
    }

    private String eol() {
        return random.nextBoolean() ? "\r\n" : "\n";
    }

    private String secret(Seed seed, SecretEncoding encoding) {
        byte[] bytes = seed.revealBytes();
        return switch (encoding) {
            case HEX -> random.nextBoolean() ? HexFormat.of().formatHex(bytes) : HexFormat.of().withUpperCase().formatHex(bytes);
            case BASE32 -> base32(bytes);
            case BASE64 -> {
                String text = java.util.Base64.getEncoder().encodeToString(bytes);
                yield random.nextBoolean() ? text : text.replace("=", "");
            }
            case AUTO -> throw new IllegalArgumentException("a writer picks one encoding");
        };
    }

    private String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder(Base32.encode(bytes));
        while (random.nextBoolean() && text.length() % 8 != 0) {
            text.append('=');
        }
        return random.nextBoolean() ? text.toString() : text.toString().toLowerCase(Locale.ROOT);
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
