package org.keyfob.oath.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds: the store schema version it was taken at, when, how many rows of each
 * table (in the order restore writes them), and the ids of the master keys its secrets need.
 * A backup never holds a key: see {@link Store#backup}.
 */
public record BackupSummary(String schemaVersion, Instant created, Map<String, Long> rows, List<String> keyIds) {

    public BackupSummary {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        keyIds = List.copyOf(keyIds);
    }

    /** Rows in {@code table} ({@code tokens}, {@code users}...), 0 if the backup has none. */
    public long count(String table) {
        return rows.getOrDefault(table, 0L);
    }
}
