package org.keyfob.oath.provision.csv;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Turns the fields of one data row into a token, or into messages saying everything wrong with it.
 * Messages start with {@code field "name": } and never show a secret; other values are shown only
 * when short, because a value in the wrong column may be someone's seed.
 */
final class RowParser {
    /** Longest value a message quotes; seeds of 128 bits and more are longer in every encoding. */
    private static final int MAX_SHOWN = 20;

    private final CsvDialect dialect;
    private final CsvOptions options;
    private final SecretEncoding encoding;

    RowParser(CsvDialect dialect, CsvOptions options) {
        this.dialect = dialect;
        this.options = options;
        this.encoding = options.encodingFor(dialect);
    }

    /** The token on row {@code raw}, or empty after adding to {@code problems} what is wrong with it. */
    Optional<ImportedToken> parse(List<String> raw, String origin, List<String> problems) {
        List<String> columns = dialect.columns();
        int min = dialect == CsvDialect.SEED_LIST ? 2 : columns.size();
        if (raw.size() < min) {
            problems.add(field(columns.get(raw.size()), "missing; expected " + dialect.layout()));
            return Optional.empty();
        }
        if (raw.size() > columns.size()) {
            problems.add("has " + raw.size() + " fields, expected " + dialect.layout());
            return Optional.empty();
        }
        List<String> fields = raw.stream().map(String::strip).toList();
        int before = problems.size();
        Serial serial = serial(fields.get(dialect.serialColumn()), problems);
        Seed seed = seed(fields.get(dialect.secretColumn()), problems);
        if (dialect == CsvDialect.SEED_LIST) {
            long counter = fields.size() > 2 ? counter(fields.get(2), problems) : 0;
            return done(problems, before, serial, seed, options.spec(), counter, options.details(),
                    Optional.empty(), origin);
        }
        String upn = fields.get(0);
        if (upn.isEmpty()) {
            problems.add(field("upn", "is empty; name the user the token belongs to"));
        }
        Duration step = timeInterval(fields.get(3), problems);
        TokenSpec spec = step == null ? null
                : TokenSpec.totp(options.spec().algorithm(), options.spec().digits(), step);
        TokenDetails details = new TokenDetails(optional(fields.get(4)), optional(fields.get(5)), Optional.empty());
        return done(problems, before, serial, seed, spec, 0, details, Optional.of(upn), origin);
    }

    private static Optional<ImportedToken> done(List<String> problems, int before, Serial serial, Seed seed,
            TokenSpec spec, long counter, TokenDetails details, Optional<String> user, String origin) {
        if (problems.size() > before) {
            return Optional.empty();
        }
        Token token = new Token(serial, spec, seed, TokenStatus.VALID, TokenState.initial(counter));
        return Optional.of(new ImportedToken(token, details, user, Optional.empty(), Optional.empty(), origin));
    }

    private Serial serial(String text, List<String> problems) {
        String name = dialect.columns().get(dialect.serialColumn());
        if (text.isEmpty()) {
            problems.add(field(name, "is empty"));
            return null;
        }
        try {
            return new Serial(text);
        } catch (IllegalArgumentException e) {
            problems.add(field(name, e.getMessage()));
            return null;
        }
    }

    private Seed seed(String text, List<String> problems) {
        String name = dialect.columns().get(dialect.secretColumn());
        if (text.isEmpty()) {
            problems.add(field(name, "is empty"));
            return null;
        }
        byte[] bytes;
        try {
            bytes = SecretDecoder.decode(text, encoding);
        } catch (IllegalArgumentException e) {
            problems.add(field(name, e.getMessage()));
            return null;
        }
        try {
            if (bytes.length == 0) {
                problems.add(field(name, "holds no bytes"));
                return null;
            }
            if (bytes.length < CsvOptions.MIN_SEED_BYTES && !options.allowShortSeeds()) {
                problems.add(field(name, "seed is " + bytes.length + " bytes (" + bytes.length * 8
                        + " bits), under the " + CsvOptions.MIN_SEED_BYTES + " bytes (128 bits) RFC 4226 §4"
                        + " requires; allow short seeds in the import options to take it anyway"));
                return null;
            }
            return Seed.of(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static long counter(String text, List<String> problems) {
        if (text.isEmpty()) {
            return 0;
        }
        try {
            long counter = Long.parseLong(text);
            if (counter >= 0) {
                return counter;
            }
        } catch (NumberFormatException e) {
            // reported below, with the other ways of not being a counter
        }
        problems.add(field("counter", shown(text) + " is not a non-negative integer"));
        return 0;
    }

    private static Duration timeInterval(String text, List<String> problems) {
        long max = TokenSpec.MAX_STEP.getSeconds();
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= max) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, with out-of-range values
        }
        problems.add(field("time interval", shown(text) + " is not a whole number of seconds from 1 to "
                + max + " (usually 30 or 60)"));
        return null;
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static String field(String name, String message) {
        return "field \"" + name + "\": " + message;
    }

    /** A value quoted for a message if short, else only its length. */
    static String shown(String text) {
        return text.length() <= MAX_SHOWN ? "\"" + text + "\"" : "a value of " + text.length() + " characters";
    }
}
