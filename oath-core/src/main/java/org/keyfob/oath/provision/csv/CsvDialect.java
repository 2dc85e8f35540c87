package org.keyfob.oath.provision.csv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The two CSV layouts Keyfob reads. A header row, when present, names the dialect; header names are
 * compared case-insensitively with surrounding spaces trimmed.
 */
public enum CsvDialect {
    /**
     * A vendor seed list (OneSpan, Swivel, Duo and others): {@code serial,secret[,counter]}, with
     * kind, hash, digits and time step set for the whole file by {@link CsvOptions#spec()}. Secrets
     * are hex unless the options say otherwise. The counter (0 when absent or empty) becomes
     * {@link org.keyfob.oath.token.TokenState#counter()}: the next HOTP moving factor, or for TOTP
     * the lowest time step still accepted. An optional header starts with {@code serial} (or
     * {@code serial number}, {@code serialnumber}, {@code sn}).
     */
    SEED_LIST("serial", "secret", "counter"),
    /**
     * The Azure MFA hardware-token upload format, which Token2 and others ship:
     * {@code upn,serial number,secret key,time interval,manufacturer,model}. TOTP, base32 secrets
     * unless the options say otherwise, time step in seconds per row, the UPN becomes the user.
     */
    AZURE_MFA("upn", "serial number", "secret key", "time interval", "manufacturer", "model");

    private static final Set<String> SERIAL_NAMES = Set.of("serial", "serial number", "serialnumber", "sn");
    private static final Set<String> SECRET_NAMES = Set.of("secret", "secret key", "seed", "key");

    private final List<String> columns;

    CsvDialect(String... columns) {
        this.columns = List.of(columns);
    }

    /** The column names, as messages name fields: {@code serial}, {@code secret key}, ... */
    public List<String> columns() {
        return columns;
    }

    /** The layout as a message shows it, e.g. {@code serial,secret[,counter]}. */
    String layout() {
        return this == SEED_LIST ? "serial,secret[,counter]" : String.join(",", columns);
    }

    /** The column holding the serial number. */
    int serialColumn() {
        return this == SEED_LIST ? 0 : 1;
    }

    /** The column holding the secret. */
    int secretColumn() {
        return serialColumn() + 1;
    }

    /** The dialect whose header {@code fields} look like, going by the first field alone. */
    static Optional<CsvDialect> ofHeader(List<String> fields) {
        String first = normalise(fields.get(0));
        if (first.equals("upn")) {
            return Optional.of(AZURE_MFA);
        }
        return SERIAL_NAMES.contains(first) ? Optional.of(SEED_LIST) : Optional.empty();
    }

    /** What is wrong with header row {@code fields} for this dialect, or empty if nothing. */
    Optional<String> headerProblem(List<String> fields) {
        int max = columns.size();
        int min = this == SEED_LIST ? 2 : max;
        if (fields.size() < min || fields.size() > max) {
            return Optional.of("header has " + fields.size() + " columns, expected " + layout());
        }
        for (int i = 0; i < fields.size(); i++) {
            String name = normalise(fields.get(i));
            boolean known = this == AZURE_MFA ? name.equals(columns.get(i))
                    : i == 0 ? SERIAL_NAMES.contains(name)
                    : i == 1 ? SECRET_NAMES.contains(name)
                    : name.equals("counter");
            if (!known) {
                return Optional.of("header column " + (i + 1) + " is \"" + fields.get(i).strip()
                        + "\", expected \"" + columns.get(i) + "\" (" + layout() + ")");
            }
        }
        return Optional.empty();
    }

    private static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
