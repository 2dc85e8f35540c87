package org.keyfob.oath.store;

import java.util.List;

/** What {@link Store#restore} did. A refusal is an expected answer, so it is a value, not an exception. */
public sealed interface RestoreOutcome {

    /** The backup cannot be restored here; nothing was written. Problems are for the admin, one line each. */
    record Refused(List<String> problems) implements RestoreOutcome {
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one problem");
            }
        }
    }

    /** {@link RestoreMode#CHECK_ONLY}: the backup would restore; nothing was written. */
    record Checked(BackupSummary summary) implements RestoreOutcome {
    }

    /** {@link RestoreMode#REPLACE}: the store now holds exactly the backup's rows. */
    record Restored(BackupSummary summary) implements RestoreOutcome {
    }
}
