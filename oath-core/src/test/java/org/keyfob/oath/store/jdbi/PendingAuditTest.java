package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /** What the store keeps of {@code event(i)}: its time rounded to the microsecond. */
    private static AuditEvent stored(int i) {
        AuditEvent e = event(i);
        return new AuditEvent(PendingAudit.stored(e.at()), e.type(), e.actor(), e.user(), e.serial(), e.detail());
    }

    /** The taken events, decoded from the bytes each hands a block, checked against their times. */
    private static List<AuditEvent> list(PendingAudit.Taken taken) throws IOException {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            taken.writeTo(i, bytes);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            AuditEvent e = JournalRecord.readAudit(in);
            assertThat(in.available()).describedAs("bytes after event %d", i).isZero();
            assertThat(taken.atMicros(i)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
            out.add(e);
        }
        return out;
    }

    @Test
    void aCheckpointTakesEveryEventAddedSoFarInOrderAndExactly() throws IOException {
        PendingAudit pending = new PendingAudit();
        List<AuditEvent> added = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            added.add(stored(i));
            pending.add(event(i), i);
        }
        PendingAudit.Taken taken = pending.take();

        assertThat(taken.size()).isEqualTo(5_000);
        assertThat(list(taken)).containsExactlyElementsOf(added);
        assertThat(list(taken)).describedAs("iterating again reads the same events").containsExactlyElementsOf(added);
        assertThat(pending.size()).isZero();
    }

    @Test
    void eventsOfAFailedCheckpointComeBackBeforeThoseAddedSince() throws IOException {
        PendingAudit pending = new PendingAudit();
        pending.add(event(1), 1);
        pending.add(event(2), 2);
        PendingAudit.Taken failed = pending.take();
        pending.add(event(3), 3);

        pending.putBack(failed);

        assertThat(pending.size()).isEqualTo(3);
        assertThat(list(pending.take())).containsExactly(stored(1), stored(2), stored(3));
    }

    @Test
    void buffersAreReusedAcrossCheckpointsWithoutMixingTheirEvents() throws IOException {
        PendingAudit pending = new PendingAudit();
        Random random = new Random(42);
        int next = 0;
        for (int round = 0; round < 50; round++) {
            List<AuditEvent> added = new ArrayList<>();
            for (int i = random.nextInt(300); i > 0; i--) {
                added.add(stored(next));
                pending.add(event(next), next);
                next++;
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

    @Test
    void eventsOfRefusedJournalEntriesAreLeftOutAndTheRestKeepTheirOrderAndBytes() throws IOException {
        PendingAudit pending = new PendingAudit();
        for (int i = 1; i <= 9; i++) {
            pending.add(event(i), 100 + i);
        }
        PendingAudit.Taken taken = pending.take();

        PendingAudit.Taken kept = taken.without(entry -> entry == 101 || entry == 104 || entry == 105 || entry == 109);

        assertThat(list(kept)).containsExactly(stored(2), stored(3), stored(6), stored(7), stored(8));
        assertThat(taken.without(entry -> false)).describedAs("nothing refused: the same events").isSameAs(taken);
        assertThat(taken.without(entry -> true).isEmpty()).describedAs("everything refused").isTrue();
        // Put back after a failed write, the kept ones come back without the refused.
        pending.putBack(kept);
        assertThat(list(pending.take())).containsExactly(stored(2), stored(3), stored(6), stored(7), stored(8));
    }

    @Test
    void timesAreKeptToTheNearestMicrosecondAsTheStoreKeepsThem() throws IOException {
        PendingAudit pending = new PendingAudit();
        pending.add(event(0), 0); // 10:15:30.123456789
        pending.add(new AuditEvent(Instant.parse("2026-12-02T10:15:30.000000499Z"), AuditEventType.E_LOGIN_FAILED,
                Actor.admin("root"), Optional.empty(), Optional.empty(), ""), 1);

        List<AuditEvent> taken = list(pending.take());

        assertThat(taken.get(0).at()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123457Z"));
        assertThat(taken.get(1).at()).isEqualTo(Instant.parse("2026-12-02T10:15:30Z"));
    }
}
