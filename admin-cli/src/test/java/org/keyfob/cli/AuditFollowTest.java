package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.Session;

/** keyfob audit --follow prints events another keyfob process writes after it started. */
class AuditFollowTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A writer that opens a latch once its text contains {@code expected}. */
    private static final class Watching extends StringWriter {
        private final String expected;
        private final CountDownLatch seen = new CountDownLatch(1);

        Watching(String expected) {
            this.expected = expected;
        }

        @Override
        public void flush() {
            if (toString().contains(expected)) {
                seen.countDown();
            }
        }
    }

    @Test
    void followPrintsEventsWrittenAfterItStarted() throws Exception {
        Path config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        assertThat(KeyfobRun.of(config, CLOCK, "user", "add", "bob").code()).isZero();
        Watching first = new Watching("E_USER_ADDED");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exit.set(KeyfobCommand.newCommandLine(new Session("carol-admin", CLOCK))
                .setOut(new PrintWriter(first, true)).setErr(new PrintWriter(new StringWriter(), true))
                .execute("--config", config.toString(), "audit", "--follow", "--user", "carol", "--output", "csv")));
        follower.start();
        try {
            // Nothing about carol yet: only the header is printed. Then another process adds her.
            assertThat(KeyfobRun.of(config, CLOCK, "user", "add", "carol").code()).isZero();
            assertThat(first.seen.await(2, TimeUnit.MINUTES)).describedAs("printed: %s", first).isTrue();
            assertThat(first.toString()).startsWith("time,event,actor,user,serial,detail")
                    .contains("E_USER_ADDED,admin:alice-admin,carol").doesNotContain(",bob,");
        } finally {
            follower.interrupt();
            follower.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(exit.get()).describedAs("--follow ends cleanly when interrupted").isZero();
    }
}
