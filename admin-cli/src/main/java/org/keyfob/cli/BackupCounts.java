package org.keyfob.cli;

import java.util.StringJoiner;
import org.keyfob.oath.store.BackupSummary;

/** "2 tokens, 1 users, ..." for backup and restore output: every table, in the backup's order. */
final class BackupCounts {
    private BackupCounts() {
    }

    static String describe(BackupSummary summary) {
        StringJoiner s = new StringJoiner(", ");
        summary.rows().forEach((table, n) -> s.add(n + " " + table.replace('_', ' ')));
        return s.toString();
    }
}
