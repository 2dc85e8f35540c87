package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.Session;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;

/** keyfob audit purge: deletes what is older than --before, after a confirmation, and says so in the log. */
class AuditPurgeCommandTest {
    /** Stores stamp events with the time they happen: the old one is written straight into the store. */
    private static final Instant DAY_ONE = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock LATER = Clock.systemUTC();

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void twoDaysOfEvents() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        assertThat(KeyfobRun.of(config, LATER, "user", "add", "carol").code()).isZero();
        try (Store store = new Session("alice-admin", LATER).openStore(config)) {
            store.audit().record(AuditEvent.of(DAY_ONE, AuditEventType.E_USER_ADDED, Actor.admin("alice-admin"),
                    "bob", null, ""));
        }
    }

    private String audit() {
        KeyfobRun run = KeyfobRun.of(config, LATER, "audit", "--output", "csv");
        assertThat(run.code()).describedAs(run.err()).isZero();
        return run.out();
    }

    @Test
    void purgeDeletesOlderEventsAndRecordsItself() {
        KeyfobRun purge = KeyfobRun.of(config, LATER, "audit", "purge", "--before", "2026-11-21T00:00:00Z", "--yes");

        assertThat(purge.code()).describedAs(purge.err()).isZero();
        assertThat(purge.out()).isEqualTo("deleted 1 audit events that occurred before 2026-11-21T00:00:00Z\n");
        assertThat(audit()).doesNotContain(",bob,").contains("E_USER_ADDED,admin:alice-admin,carol")
                .contains("E_AUDIT_PURGED,admin:alice-admin,,,1 events that occurred before 2026-11-21T00:00:00Z deleted");
    }

    @Test
    void purgeAsksToTypePurgeAndAWrongAnswerDeletesNothing() {
        KeyfobRun refused = KeyfobRun.withInput("yes\n", config, LATER, "audit", "purge", "--before",
                "2026-11-21T00:00:00Z");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("Type purge to confirm");
        assertThat(refused.err()).contains("confirmation did not match");
        assertThat(audit()).contains(",bob,").doesNotContain("E_AUDIT_PURGED");

        KeyfobRun typed = KeyfobRun.withInput("purge\n", config, LATER, "audit", "purge", "--before",
                "2026-11-21T00:00:00Z");
        assertThat(typed.code()).describedAs(typed.err()).isZero();
        assertThat(audit()).doesNotContain(",bob,");
    }

    @Test
    void aTimeNotInThePastIsRefusedBeforeAnythingIsDeleted() {
        String tomorrow = LATER.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        KeyfobRun run = KeyfobRun.of(config, LATER, "audit", "purge", "--before", tomorrow, "--yes");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("--before " + tomorrow + " is not in the past");
        assertThat(audit()).contains(",bob,").contains(",carol,");
    }
}
