package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.jdbi.JournalRecord.Audit;
import org.keyfob.oath.store.jdbi.JournalRecord.TokenChange;
import org.keyfob.oath.store.jdbi.JournalRecord.UserChange;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/**
 * A journal entry must read back as exactly the changes the server made before it answered a
 * login: every field, empty and present, and lock states including "locked until an admin
 * unlocks" ({@link Instant#MAX}). Bytes that are not such an entry must be refused with a reason,
 * never read as some other counter.
 */
class JournalRecordTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123456789Z");

    private static final TokenChange TOKEN_FULL = new TokenChange(new Serial("HOTP-ÄÖ-1"), 42,
            new TokenState(1_000_000_007L, -3, new LockState(7, Optional.of(Instant.MAX)),
                    Optional.of(new PendingResync(1_000_000_020L, AT.plusSeconds(5))), Optional.of(AT)));
    private static final TokenChange TOKEN_EMPTY = new TokenChange(new Serial("T"), 1, TokenState.initial(0));
    private static final TokenChange TOKEN_LOCKED_FOR_A_WHILE = new TokenChange(new Serial("TOTP-2"), Long.MAX_VALUE,
            new TokenState(Long.MAX_VALUE, Integer.MAX_VALUE, new LockState(3, Optional.of(AT.plusSeconds(900))),
                    Optional.empty(), Optional.of(Instant.EPOCH)));
    private static final UserChange USER_FULL = new UserChange("bob@example.org", 9,
            new LockState(10, Optional.of(AT.plusSeconds(900))), Optional.of(AT), Optional.of(AT.minusNanos(1)));
    private static final UserChange USER_EMPTY = new UserChange("", 0, LockState.CLEAR, Optional.empty(),
            Optional.empty());
    private static final UserChange USER_LOCKED_BY_ADMIN = new UserChange("carol", 3,
            new LockState(0, Optional.of(Instant.MAX)), Optional.empty(), Optional.of(AT));
    private static final Audit AUDIT_FULL = new Audit(new AuditEvent(AT, AuditEventType.E_LOGIN_SUCCEEDED,
            Actor.client("vpn1"), Optional.of("bob"), Optional.of(new Serial("HOTP-1")), "mode=pin+otp"));
    private static final Audit AUDIT_EMPTY = new Audit(new AuditEvent(Instant.EPOCH, AuditEventType.E_LOGIN_FAILED,
            Actor.system(), Optional.empty(), Optional.empty(), ""));
    private static final Audit AUDIT_ADMIN = new Audit(new AuditEvent(AT, AuditEventType.E_LOGIN_FAILED,
            Actor.admin("alice"), Optional.of("mallory"), Optional.empty(), "reason=REPLAY ü€"));

    private static final List<JournalRecord> EVERY_KIND = List.of(TOKEN_FULL, TOKEN_EMPTY, TOKEN_LOCKED_FOR_A_WHILE,
            USER_FULL, USER_EMPTY, USER_LOCKED_BY_ADMIN, AUDIT_FULL, AUDIT_EMPTY, AUDIT_ADMIN);

    @Test
    void everyRecordKindReadsBackWithEveryField() throws IOException {
        for (JournalRecord r : EVERY_KIND) {
            assertThat(JournalRecord.decode(JournalRecord.encode(List.of(r)))).describedAs("%s alone", r)
                    .containsExactly(r);
        }
        assertThat(JournalRecord.decode(JournalRecord.encode(EVERY_KIND))).describedAs("all kinds in one entry")
                .isEqualTo(EVERY_KIND);
    }

    @Test
    void anEntryWithNoRecordsReadsBackEmpty() throws IOException {
        assertThat(JournalRecord.decode(JournalRecord.encode(List.of()))).isEmpty();
    }

    @Test
    void randomEntriesReadBackUnchanged() throws IOException {
        // To replay a failure, run with -Dkeyfob.test.seed=<the seed in its message>.
        long seed = Long.getLong("keyfob.test.seed", new SecureRandom().nextLong());
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            List<JournalRecord> records = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                records.add(randomRecord(random));
            }
            assertThat(JournalRecord.decode(JournalRecord.encode(records))).describedAs("seed %d, entry %d", seed, i)
                    .isEqualTo(records);
        }
    }

    @Test
    void everyTruncationIsRefusedAsCutShort() {
        byte[] whole = JournalRecord.encode(EVERY_KIND);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> JournalRecord.decode(cut)).describedAs("the first %d of %d bytes", length,
                    whole.length).isInstanceOf(IOException.class).hasMessageContaining("cut short");
        }
    }

    @Test
    void bytesAfterTheLastRecordAreRefused() {
        byte[] whole = JournalRecord.encode(List.of(TOKEN_FULL));
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> JournalRecord.decode(longer)).isInstanceOf(IOException.class)
                .hasMessageContaining("3 bytes left over after 1 journal records");
    }

    @Test
    void anUnknownRecordKindIsRefused() {
        byte[] bytes = JournalRecord.encode(List.of(USER_FULL));
        bytes[2] = 'X'; // after the record count

        assertThatThrownBy(() -> JournalRecord.decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown journal record kind");
    }

    @Test
    void aRecordCountBeyondTheRecordsIsRefused() {
        byte[] bytes = JournalRecord.encode(List.of(USER_FULL));
        bytes[1] = 2; // claims two records, holds one

        assertThatThrownBy(() -> JournalRecord.decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void aValueNoRecordCanHoldIsRefusedAsIOException() {
        // A negative counter and an audit type no version had: each passes the frame's checksum
        // only if a bug wrote it, and must not escape as some unchecked exception of its own.
        byte[] token = JournalRecord.encode(List.of(TOKEN_EMPTY));
        int counterAt = 2 + 1 + 2 + 1 + 8; // count, kind, serial "T" (length + 1 byte), version
        token[counterAt] = (byte) 0x80;
        assertThatThrownBy(() -> JournalRecord.decode(token)).isInstanceOf(IOException.class)
                .hasMessageContaining("counter must not be negative");

        byte[] audit = JournalRecord.encode(List.of(AUDIT_EMPTY));
        String type = AuditEventType.E_LOGIN_FAILED.name();
        int typeAt = indexOf(audit, type.getBytes(StandardCharsets.UTF_8));
        audit[typeAt] = 'Z';
        assertThatThrownBy(() -> JournalRecord.decode(audit)).isInstanceOf(IOException.class)
                .hasMessageContaining("Z" + type.substring(1));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static JournalRecord randomRecord(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new TokenChange(new Serial("S-" + random.nextInt(1_000)), random.nextLong() & Long.MAX_VALUE,
                    new TokenState(random.nextLong() & Long.MAX_VALUE, random.nextInt(), randomLock(random),
                            random.nextBoolean() ? Optional.of(new PendingResync(random.nextLong(), randomInstant(random)))
                                    : Optional.empty(),
                            randomOptionalInstant(random)));
            case 1 -> new UserChange("user" + random.nextInt(), random.nextLong(), randomLock(random),
                    randomOptionalInstant(random), randomOptionalInstant(random));
            default -> new Audit(new AuditEvent(randomInstant(random),
                    AuditEventType.values()[random.nextInt(AuditEventType.values().length)],
                    random.nextBoolean() ? Actor.client("nas" + random.nextInt(9)) : Actor.admin("root"),
                    random.nextBoolean() ? Optional.of("u" + random.nextInt()) : Optional.empty(),
                    random.nextBoolean() ? Optional.of(new Serial("S" + random.nextInt(99))) : Optional.empty(),
                    "detail " + random.nextInt()));
        };
    }

    private static LockState randomLock(Random random) {
        return new LockState(random.nextInt(Integer.MAX_VALUE), randomOptionalInstant(random));
    }

    private static Optional<Instant> randomOptionalInstant(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(Instant.MAX);
            default -> Optional.of(randomInstant(random));
        };
    }

    private static Instant randomInstant(Random random) {
        return Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
    }
}
