package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.jdbi.JournalRecord.TokenChange;
import org.keyfob.oath.store.jdbi.JournalRecord.UserChange;
import org.keyfob.oath.store.jdbi.LoginJournal.Appended;
import org.keyfob.oath.store.jdbi.LoginJournal.ReadEntry;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/**
 * The login journal is what makes an accepted code survive a crash before the store holds it:
 * every entry appended must read back, in order and with its number, once its {@code durable}
 * future completed; a write torn by the crash (its login never answered) must end the journal
 * without losing the entries before it; and old segments may go only once every entry in them
 * is in the store.
 */
class LoginJournalTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path tempDir;

    private Path dir() {
        return tempDir.resolve("keyfob.journal");
    }

    /** The records of entry {@code i}: one token moved to counter {@code i}, one user's success. */
    private static List<JournalRecord> records(long i) {
        return List.of(new TokenChange(new Serial("HOTP-" + i), i, TokenState.initial(i)),
                new UserChange("user" + i, i, LockState.CLEAR, Optional.of(AT.plusSeconds(i)), Optional.empty()));
    }

    private static void awaitDurable(Appended appended) throws Exception {
        appended.durable().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void appendedEntriesReadBackInOrderWithTheirNumbers() throws Exception {
        List<Appended> appended = new ArrayList<>();
        try (LoginJournal journal = new LoginJournal(dir(), 41)) {
            for (long i = 0; i < 5; i++) {
                appended.add(journal.append(records(i)));
            }
            for (Appended a : appended) {
                awaitDurable(a);
            }
            assertThat(journal.nextNumber()).isEqualTo(46);
            // Durable means on disk now, not after close.
            assertThat(LoginJournal.read(dir())).extracting(ReadEntry::number).containsExactly(41L, 42L, 43L, 44L, 45L);
        }

        assertThat(appended).extracting(Appended::number).containsExactly(41L, 42L, 43L, 44L, 45L);
        assertThat(appended).allSatisfy(a -> assertThat(a.durable()).isCompleted());
        List<ReadEntry> read = LoginJournal.read(dir());
        assertThat(read).extracting(ReadEntry::number).containsExactly(41L, 42L, 43L, 44L, 45L);
        for (int i = 0; i < 5; i++) {
            assertThat(read.get(i).records()).describedAs("records of entry %d", 41 + i).isEqualTo(records(i));
        }
    }

    @Test
    void aClosedJournalRefusesAppends() {
        LoginJournal journal = new LoginJournal(dir(), 1);
        journal.close();

        assertThatThrownBy(() -> journal.append(records(1))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed").hasMessageContaining("the login is refused");
    }

    @Test
    void anEmptyOrMissingJournalReadsAsNoEntries() {
        assertThat(LoginJournal.read(dir())).isEmpty();
        new LoginJournal(dir(), 1).close();
        assertThat(LoginJournal.read(dir())).isEmpty();
    }

    @Test
    void aLastEntryCutShortAnywhereEndsTheJournalAfterTheEntriesBeforeIt() throws Exception {
        Path segment = writeEntries(3);
        long whole = Files.size(segment);
        long lastEntryStarts = whole - frameSize(3);
        // Every length that cuts into the last frame: in its header, in its payload, one byte short.
        for (long length = lastEntryStarts + 1; length < whole; length++) {
            Path copy = copyJournalCutTo(segment, length);
            assertThat(LoginJournal.read(copy)).describedAs("segment cut to %d of %d bytes", length, whole)
                    .extracting(ReadEntry::number).containsExactly(1L, 2L);
        }
    }

    @Test
    void aFlippedByteInTheLastEntryEndsTheJournalAfterTheEntriesBeforeIt() throws Exception {
        Path segment = writeEntries(3);
        byte[] bytes = Files.readAllBytes(segment);
        int lastEntryStarts = bytes.length - (int) frameSize(3);
        // Length and number fields are covered too: a flip there must not read as another entry.
        for (int at = lastEntryStarts; at < bytes.length; at++) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x10;
            Path copy = Files.createDirectories(tempDir.resolve("flip-" + at));
            Files.write(copy.resolve(segment.getFileName()), damaged);
            assertThat(LoginJournal.read(copy)).describedAs("byte %d of %d flipped", at, bytes.length)
                    .extracting(ReadEntry::number).containsExactly(1L, 2L);
        }
    }

    @Test
    void damageBeforeTheLastSegmentIsAnErrorNotAnEnd() throws Exception {
        long frame = frameSize(1);
        try (LoginJournal journal = new LoginJournal(dir(), 1, frame)) { // a segment per entry
            for (long i = 1; i <= 3; i++) {
                awaitDurable(journal.append(records(i)));
            }
        }
        Path first = LoginJournal.segments(dir()).get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(first, bytes);

        // Entries 2 and 3 were answered after entry 1 was written: silently dropping 1 is not allowed.
        assertThatThrownBy(() -> LoginJournal.read(dir())).isInstanceOf(StoreException.class)
                .hasMessageContaining(first.toString()).hasMessageContaining("checksum");
    }

    @Test
    void anIntactLastEntryThatCannotBeDecodedIsAnErrorNotAnEnd() throws Exception {
        Path segment = writeEntries(2);
        byte[] payload = {(byte) 0x7f, 1, 2, 3}; // a record kind no Keyfob writes
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, 3));
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(16 + payload.length)
                .putInt(payload.length).putInt((int) crc.getValue()).putLong(3).put(payload);
        Files.write(segment, frame.array(), StandardOpenOption.APPEND);

        // Its write finished, so its login was answered: it must not be skipped as a torn tail.
        assertThatThrownBy(() -> LoginJournal.read(dir())).isInstanceOf(StoreException.class)
                .hasMessageContaining("entry 3").hasMessageContaining("unreadable");
    }

    @Test
    void aFullSegmentIsFollowedByANewOneNamedAfterItsFirstEntry() throws Exception {
        long frame = frameSize(1);
        try (LoginJournal journal = new LoginJournal(dir(), 1, 2 * frame)) {
            for (long i = 1; i <= 5; i++) {
                awaitDurable(journal.append(records(i)));
            }
        }

        assertThat(LoginJournal.segments(dir())).extracting(p -> p.getFileName().toString()).containsExactly(
                "00000000000000000001.journal", "00000000000000000003.journal", "00000000000000000005.journal");
        assertThat(LoginJournal.read(dir())).extracting(ReadEntry::number).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void releaseDeletesOnlySegmentsWhoseEveryEntryIsCovered() throws Exception {
        long frame = frameSize(1);
        try (LoginJournal journal = new LoginJournal(dir(), 1, 2 * frame)) {
            for (long i = 1; i <= 5; i++) {
                awaitDurable(journal.append(records(i)));
            }
            // Segments [1, 2], [3, 4], [5]. Entry 3 covered: segment 3 still holds entry 4.
            journal.releaseUpTo(3);
            assertThat(LoginJournal.read(dir())).describedAs("after releasing up to 3")
                    .extracting(ReadEntry::number).containsExactly(3L, 4L, 5L);

            journal.releaseUpTo(4);
            assertThat(LoginJournal.read(dir())).describedAs("after releasing up to 4")
                    .extracting(ReadEntry::number).containsExactly(5L);

            // Every entry covered: the segment being written stays, and appends go on into it.
            journal.releaseUpTo(5);
            assertThat(LoginJournal.segments(dir())).hasSize(1);
            awaitDurable(journal.append(records(6)));
        }
        assertThat(LoginJournal.read(dir())).extracting(ReadEntry::number).containsExactly(5L, 6L);
    }

    @Test
    void aSegmentThatCannotBeStartedLeavesEntriesGoingIntoTheCurrentOne() throws Exception {
        // Where the segment after entry 1 would go, something already is.
        Path blocker = Files.createDirectories(dir().resolve("00000000000000000002.journal"));
        try (LoginJournal journal = new LoginJournal(dir(), 1, frameSize(1))) {
            for (long i = 1; i <= 3; i++) {
                awaitDurable(journal.append(records(i)));
            }
        }
        Files.delete(blocker);

        // Entry 2 went on into segment 1; after it, segments could be started again (4 is empty).
        assertThat(LoginJournal.segments(dir())).extracting(p -> p.getFileName().toString()).containsExactly(
                "00000000000000000001.journal", "00000000000000000003.journal", "00000000000000000004.journal");
        assertThat(LoginJournal.read(dir())).extracting(ReadEntry::number).containsExactly(1L, 2L, 3L);
    }

    @Test
    void onAFullDiskEntriesAreRefusedAndTheJournalGoesOnOnceThereIsRoom() throws Exception {
        try (FullDisk disk = FullDisk.mount(dir(), 256)) {
            try (LoginJournal journal = new LoginJournal(dir(), 1)) {
                awaitDurable(journal.append(records(1)));
                disk.fill();
                // Each bigger than what is left of the page entry 1 is in: a write gets part-way, then fails.
                Appended cutShort = journal.append(manyRecords(200));
                Appended alsoRefused = journal.append(manyRecords(200));

                for (Appended refused : List.of(cutShort, alsoRefused)) {
                    assertThatThrownBy(() -> awaitDurable(refused)).hasCauseInstanceOf(StoreException.class)
                            .hasMessageContaining("No space left on device").hasMessageContaining("the login is refused");
                }
                journal.settled().get(WAIT_SECONDS, TimeUnit.SECONDS);
                LongPredicate upTo2 = journal.takeRefused(2);
                assertThat(List.of(1L, 2L, 3L)).describedAs("refused up to 2").filteredOn(upTo2::test)
                        .containsExactly(2L);
                LongPredicate upTo9 = journal.takeRefused(9);
                assertThat(List.of(1L, 2L, 3L)).describedAs("refused up to 9, once 2 was taken")
                        .filteredOn(upTo9::test).containsExactly(3L);

                disk.free();
                awaitDurable(journal.append(records(4)));
                // Nothing of entries 2 and 3 is left between 1 and 4, so 4 reads back (and so would a later one).
                assertThat(LoginJournal.read(dir())).extracting(ReadEntry::number).containsExactly(1L, 4L);
                awaitDurable(journal.append(records(5)));
            }
            List<ReadEntry> read = LoginJournal.read(dir());
            assertThat(read).extracting(ReadEntry::number).containsExactly(1L, 4L, 5L);
            assertThat(read.get(1).records()).isEqualTo(records(4));
        }
    }

    /** One entry of {@code count} token changes: several kilobytes. */
    private static List<JournalRecord> manyRecords(int count) {
        List<JournalRecord> records = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            records.add(new TokenChange(new Serial("HOTP-LONG-SERIAL-" + i), i, TokenState.initial(i)));
        }
        return records;
    }

    @Test
    void concurrentAppendsGetDistinctNumbersAndAllReadBack() throws Exception {
        int threads = 8;
        int perThread = 250;
        Map<Long, List<JournalRecord>> appendedAs = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // Small segments, so rollover happens while entries are being batched.
        try (LoginJournal journal = new LoginJournal(dir(), 1, 16 * frameSize(1))) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<Appended> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        List<JournalRecord> records = records(thread * 1_000_000L + i);
                        Appended a = journal.append(records);
                        assertThat(appendedAs.put(a.number(), records)).describedAs("number %d handed out twice",
                                a.number()).isNull();
                        mine.add(a);
                    }
                    for (Appended a : mine) {
                        awaitDurable(a);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int total = threads * perThread;
        assertThat(appendedAs.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, total).boxed().toList());
        List<ReadEntry> read = LoginJournal.read(dir());
        assertThat(read).extracting(ReadEntry::number).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        for (ReadEntry e : read) {
            assertThat(e.records()).describedAs("records of entry %d", e.number()).isEqualTo(appendedAs.get(e.number()));
        }
        assertThat(LoginJournal.segments(dir())).describedAs("segments").hasSizeGreaterThan(1);
    }

    /** Writes entries 1..{@code count} into a fresh journal and returns its only segment. */
    private Path writeEntries(int count) throws Exception {
        try (LoginJournal journal = new LoginJournal(dir(), 1)) {
            for (long i = 1; i <= count; i++) {
                awaitDurable(journal.append(records(i)));
            }
        }
        List<Path> segments = LoginJournal.segments(dir());
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    /** A copy of the journal whose only segment is {@code segment} cut to {@code length} bytes. */
    private Path copyJournalCutTo(Path segment, long length) throws IOException {
        Path copy = Files.createDirectories(tempDir.resolve("cut-" + length));
        Path target = Files.copy(segment, copy.resolve(segment.getFileName()));
        try (FileChannel c = FileChannel.open(target, StandardOpenOption.WRITE)) {
            c.truncate(length);
        }
        return copy;
    }

    /** Bytes of entry {@code i}'s frame: length, checksum and number (16), then the payload. */
    private static long frameSize(long i) {
        return 16 + JournalRecord.encode(records(i)).length;
    }
}
