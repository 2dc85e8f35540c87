package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.token.Serial;

class PendingAuditTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:15:30.123456789Z");

    private static AuditEvent event(int i) {
        return new AuditEvent(T0.plusMillis(i), i % 2 == 0 ? AuditEventType.E_LOGIN_SUCCEEDED : AuditEventType.E_LOGIN_FAILED,
                i % 3 == 0 ? Actor.client("vpn" + i) : Actor.admin("root"),
                i % 4 == 0 ? Optional.empty() : Optional.of("user-" + i + "-ü€"),
                i % 5 == 0 ? Optional.empty() : Optional.of(new Serial("HOTP-" + i)),
                i % 7 == 0 ? "" : "reason=REPLAY offset=" + i);
    }

    private static List<AuditEvent> list(Iterable<AuditEvent> events) {
        List<AuditEvent> out = new ArrayList<>();
        events.forEach(out::add);
        return out;
    }

    @Test
    void aCheckpointTakesEveryEventAddedSoFarInOrderAndExactly() {
        PendingAudit pending = new PendingAudit();
        List<AuditEvent> added = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            added.add(event(i));
            pending.add(event(i));
        }
        PendingAudit.Taken taken = pending.take();

        assertThat(taken.size()).isEqualTo(5_000);
        assertThat(list(taken)).containsExactlyElementsOf(added);
        assertThat(list(taken)).describedAs("iterating again reads the same events").containsExactlyElementsOf(added);
        assertThat(pending.size()).isZero();
    }

    @Test
    void eventsOfAFailedCheckpointComeBackBeforeThoseAddedSince() {
        PendingAudit pending = new PendingAudit();
        pending.add(event(1));
        pending.add(event(2));
        PendingAudit.Taken failed = pending.take();
        pending.add(event(3));

        pending.putBack(failed);

        assertThat(pending.size()).isEqualTo(3);
        assertThat(list(pending.take())).containsExactly(event(1), event(2), event(3));
    }

    @Test
    void buffersAreReusedAcrossCheckpointsWithoutMixingTheirEvents() {
        PendingAudit pending = new PendingAudit();
        Random random = new Random(42);
        int next = 0;
        for (int round = 0; round < 50; round++) {
            List<AuditEvent> added = new ArrayList<>();
            for (int i = random.nextInt(300); i > 0; i--) {
                added.add(event(next));
                pending.add(event(next++));
            }
            PendingAudit.Taken taken = pending.take();
            assertThat(list(taken)).describedAs("round %d", round).containsExactlyElementsOf(added);
            if (random.nextInt(4) == 0) {
                pending.putBack(taken);
                assertThat(list(pending.take())).describedAs("round %d, put back", round).containsExactlyElementsOf(added);
            } else {
                pending.written(taken);
            }
        }
    }
}
