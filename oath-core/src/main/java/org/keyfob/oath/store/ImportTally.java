package org.keyfob.oath.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.keyfob.oath.token.TokenKind;

/**
 * What an import did so far: tokens added and updated, by kind; assignments made; users created;
 * and what it refused (the first {@link #MAX_REFUSALS} messages, and how many in all).
 */
public record ImportTally(Map<TokenKind, Long> added, Map<TokenKind, Long> updated, long assigned,
        long usersCreated, List<String> refusals, long refusalCount) {
    public static final int MAX_REFUSALS = 20;

    public ImportTally {
        added = Map.copyOf(added);
        updated = Map.copyOf(updated);
        refusals = List.copyOf(refusals);
    }

    /** Tokens added, all kinds together. */
    public long addedCount() {
        return added.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Tokens updated, all kinds together. */
    public long updatedCount() {
        return updated.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. {@code HOTP 3, TOTP 1}; kinds in enum order, empty kinds left out. */
    public static String byKind(Map<TokenKind, Long> counts) {
        return new TreeMap<>(counts).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
