package org.keyfob.oath.store.jdbi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.keyfob.oath.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of the logins a server decided in memory ({@link JournaledStore}): each
 * entry is appended to a segment file and forced to the disk ({@code fsync}) before its login is
 * answered, one write and one force for every entry waiting at that moment (group commit).
 *
 * <p>Entries are numbered in the order they are appended. A segment is named by the number of
 * its first entry; once the store holds everything up to an entry ({@link #releaseUpTo}), the
 * segments before it are deleted. Each entry is framed as length, CRC-32C and number, so a torn
 * last write after a crash is recognised and ignored: its login was never answered.
 *
 * <p>An entry whose write fails (a full disk) is refused: its login gets no answer, and the
 * checkpoint leaves its audit event out ({@link #takeRefused}). The journal goes on with the next
 * batch, so logins are answered again once the disk has room, without a restart.
 */
final class LoginJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoginJournal.class);
    static final String SUFFIX = ".journal";
    /** A new segment is started once the current one is this long, so old ones can be deleted. */
    static final long SEGMENT_BYTES = 8L << 20;
    private static final int HEADER = 16; // length, crc, number
    private static final Entry STOP = new Entry(-1, new byte[0], null);

    private final Path dir;
    private final long segmentLimit;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object appending = new Object();
    private long nextNumber; // guarded by appending
    private boolean closed; // guarded by appending
    /** Done once the last entry appended is written or refused; the writer takes entries in order. */
    private CompletableFuture<Void> lastAppended = CompletableFuture.completedFuture(null); // guarded by appending
    /** Entries the writer refused, as [first, last] ranges in order, until a checkpoint takes them. */
    private final List<long[]> refused = new ArrayList<>(); // guarded by itself
    /** Set once the disk may hold something other than what was written: every later entry is refused. */
    private volatile IOException failure;
    private FileChannel segment; // writer thread only, after the constructor
    private long segmentBytes; // writer thread only: the end of the last entry forced
    private long refusedSinceWritten; // writer thread only: entries refused since the last write that worked
    private boolean rotationFailing; // writer thread only
    private boolean failingForGoodReported; // writer thread only

    /** Starts a new segment in {@code dir}; the first entry appended gets {@code firstNumber}. */
    LoginJournal(Path dir, long firstNumber) {
        this(dir, firstNumber, SEGMENT_BYTES);
    }

    /** As above, starting a new segment once the current one has {@code segmentLimit} bytes (tests). */
    LoginJournal(Path dir, long firstNumber, long segmentLimit) {
        this.dir = dir;
        this.segmentLimit = segmentLimit;
        this.nextNumber = firstNumber;
        try {
            Files.createDirectories(dir);
            this.segment = newSegment(firstNumber);
        } catch (IOException e) {
            throw new StoreException("cannot create the login journal in " + dir + " (" + e.getMessage()
                    + "); keyfobd needs to write there, next to the store file", e);
        }
        this.writer = new Thread(this::run, "keyfob-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** One appended entry: its number, and a future completed once it is on the disk. */
    record Appended(long number, CompletableFuture<Void> durable) {
    }

    /**
     * Queues {@code records} as one entry. Numbers are handed out in call order, so a caller
     * holding a lock while it appends gets numbers in the order of its changes.
     */
    Appended append(List<JournalRecord> records) {
        byte[] payload = JournalRecord.encode(records);
        synchronized (appending) {
            if (closed || failure != null) {
                throw new StoreException("the login journal in " + dir + " is "
                        + (closed ? "closed" : "failing (" + failure.getMessage() + ")") + "; the login is refused");
            }
            Entry e = new Entry(nextNumber++, payload, new CompletableFuture<>());
            queue.add(e);
            lastAppended = e.done;
            return new Appended(e.number, e.done);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Completes, never exceptionally, once every entry appended before this call has been written
     * or refused; then {@link #takeRefused} knows every refused one among them.
     */
    CompletableFuture<Void> settled() {
        synchronized (appending) {
            return lastAppended.handle((ok, failed) -> null);
        }
    }

    /**
     * The entries up to {@code upTo} that were refused (their logins got no answer), forgotten
     * here once returned: call when they have all {@link #settled}.
     */
    LongPredicate takeRefused(long upTo) {
        List<long[]> taken = new ArrayList<>();
        synchronized (refused) {
            while (!refused.isEmpty() && refused.get(0)[0] <= upTo) {
                long[] range = refused.get(0);
                if (range[1] <= upTo) {
                    taken.add(refused.remove(0));
                } else {
                    taken.add(new long[] {range[0], upTo});
                    range[0] = upTo + 1;
                }
            }
        }
        return number -> {
            for (long[] range : taken) {
                if (number >= range[0] && number <= range[1]) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The number the next entry will get; every entry before it has been appended. */
    long nextNumber() {
        synchronized (appending) {
            return nextNumber;
        }
    }

    /**
     * Deletes every segment whose entries are all at most {@code number}: the store holds them.
     * Never the segment being written.
     */
    void releaseUpTo(long number) {
        List<Path> segments = segments(dir);
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (firstNumber(segments.get(i + 1)) > number + 1) {
                break;
            }
            try {
                Files.deleteIfExists(segments.get(i));
            } catch (IOException e) {
                return; // deleted the next time; replay skips what the store already holds
            }
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch);
            stop = batch.remove(STOP);
            write(batch);
            batch.clear();
        }
        try {
            segment.close();
        } catch (IOException e) {
            // every entry written was forced already
        }
    }

    private void write(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int size = 0;
        for (Entry e : batch) {
            size += HEADER + e.payload.length;
        }
        IOException error = failure;
        if (error == null) {
            try {
                appendAndForce(frames(batch, size));
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new IOException(e.toString(), e);
                failure = error;
            }
        }
        if (error != null) {
            refuse(batch, error);
            return;
        }
        segmentBytes += size;
        if (refusedSinceWritten > 0) {
            log.warn("the login journal in {} is written again; logins refused while it could not be: {}", dir,
                    refusedSinceWritten);
            refusedSinceWritten = 0;
        }
        for (Entry e : batch) {
            e.done.complete(null);
        }
        if (segmentBytes >= segmentLimit) {
            rotate(batch.get(batch.size() - 1).number + 1);
        }
    }

    private static ByteBuffer frames(List<Entry> batch, int size) {
        ByteBuffer buf = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (Entry e : batch) {
            crc.reset();
            ByteBuffer number = ByteBuffer.allocate(8).putLong(0, e.number);
            crc.update(number);
            crc.update(e.payload);
            buf.putInt(e.payload.length).putInt((int) crc.getValue()).putLong(e.number).put(e.payload);
        }
        return buf.flip();
    }

    /**
     * Appends {@code buf} to the segment and forces it. A write that fails (the disk is full) is cut
     * off again, and that cut forced, so the entries written next follow the last one forced and
     * nothing of the refused ones is left to be replayed. A force that fails leaves the journal
     * failing for good: after a failed {@code fsync} nobody knows what the disk holds (the kernel
     * may have dropped the pages it could not write), so no later entry may count on it.
     */
    private void appendAndForce(ByteBuffer buf) throws IOException {
        try {
            while (buf.hasRemaining()) {
                segment.write(buf);
            }
        } catch (IOException e) {
            try {
                segment.truncate(segmentBytes);
                segment.position(segmentBytes);
                segment.force(false);
            } catch (IOException cut) {
                failure = e;
            }
            throw e;
        }
        try {
            segment.force(false);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** No answer for the batch's logins; recorded first, so that {@link #settled} implies {@link #takeRefused}. */
    private void refuse(List<Entry> batch, IOException error) {
        synchronized (refused) {
            long first = batch.get(0).number;
            long last = batch.get(batch.size() - 1).number;
            long[] previous = refused.isEmpty() ? null : refused.get(refused.size() - 1);
            if (previous != null && previous[1] + 1 == first) {
                previous[1] = last;
            } else {
                refused.add(new long[] {first, last});
            }
        }
        // Once when writes start failing, and again if they then fail for good (a failed force).
        if (refusedSinceWritten == 0 || (failure != null && !failingForGoodReported)) {
            failingForGoodReported = failure != null;
            log.error("cannot write the login journal in {} ({}); logins are refused until it can be written. {}",
                    dir, error.getMessage(), failure == null ? "Free space on its disk"
                            : "The disk did not confirm what it holds: check it, then restart keyfobd");
        }
        refusedSinceWritten += batch.size();
        for (Entry x : batch) {
            x.done.completeExceptionally(new StoreException("cannot write the login journal in " + dir + " ("
                    + error.getMessage() + "); the login is refused", error));
        }
    }

    /**
     * Starts the segment for entry {@code next} on; if that fails, entries go on into the current
     * one (all of them already forced) and the next batch tries again.
     */
    private void rotate(long next) {
        FileChannel fresh;
        try {
            fresh = newSegment(next);
        } catch (IOException e) {
            if (!rotationFailing) {
                log.warn("cannot start a new login journal segment in {} ({}); entries go on into the current one"
                        + " until it can", dir, e.toString());
                rotationFailing = true;
            }
            return;
        }
        try {
            segment.close();
        } catch (IOException e) {
            // every entry written to it was forced already
        }
        segment = fresh;
        segmentBytes = 0;
        rotationFailing = false;
    }

    private FileChannel newSegment(long firstNumber) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", firstNumber, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // The new name must survive a crash too, or its entries would not be found.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the file's own force still holds its data.
        }
        return channel;
    }

    /** Writes what is queued, then stops; later appends are refused. */
    @Override
    public void close() {
        synchronized (appending) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The segments in {@code dir}, oldest first; none if there is no such directory. */
    static List<Path> segments(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list the login journal in " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private static long firstNumber(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** One entry read back: its number and records. */
    record ReadEntry(long number, List<JournalRecord> records) {
    }

    /**
     * Every entry in {@code dir}'s segments, oldest first. A torn or damaged frame at the end of
     * the last segment ends the journal (that write never finished, so its login was not
     * answered); anywhere else it is an error, as entries after it were answered. An intact frame
     * that cannot be decoded is always an error.
     */
    static List<ReadEntry> read(Path dir) {
        List<ReadEntry> entries = new ArrayList<>();
        List<Path> segments = segments(dir);
        for (int i = 0; i < segments.size(); i++) {
            Path file = segments.get(i);
            boolean last = i == segments.size() - 1;
            ByteBuffer buf;
            try {
                buf = ByteBuffer.wrap(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new StoreException("cannot read login journal segment " + file + " (" + e.getMessage() + ")", e);
            }
            CRC32C crc = new CRC32C();
            while (buf.remaining() > 0) {
                int at = buf.position();
                String damage = null;
                if (buf.remaining() < HEADER) {
                    damage = "a frame header is cut short";
                } else {
                    int length = buf.getInt();
                    int sum = buf.getInt();
                    long number = buf.getLong();
                    if (length < 0 || length > buf.remaining()) {
                        damage = "a frame is cut short";
                    } else {
                        byte[] payload = new byte[length];
                        buf.get(payload);
                        crc.reset();
                        crc.update(ByteBuffer.allocate(8).putLong(0, number));
                        crc.update(payload);
                        if ((int) crc.getValue() != sum) {
                            damage = "a frame's checksum does not match";
                        } else {
                            try {
                                entries.add(new ReadEntry(number, JournalRecord.decode(payload)));
                            } catch (IOException | RuntimeException e) {
                                // Whole and intact, so it was answered: never skipped, even at the end.
                                throw new StoreException("login journal segment " + file + " holds entry " + number
                                        + " at byte " + at + ", whole but unreadable (" + e.getMessage() + "). Was it"
                                        + " written by another Keyfob version? Open the store with the version that"
                                        + " wrote it, or keep a copy of " + dir + " and ask for help", e);
                            }
                        }
                    }
                }
                if (damage != null) {
                    if (last) {
                        break;
                    }
                    throw new StoreException("login journal segment " + file + " is damaged at byte " + at + ": "
                            + damage + ". Logins after it were answered, so the store cannot be opened safely."
                            + " Keep a copy of " + dir + "; to open the store without it, move it away (codes"
                            + " accepted since the last checkpoint, at most a few seconds, could then be accepted again)");
                }
            }
        }
        return entries;
    }

    /** One entry waiting for the writer. */
    private static final class Entry {
        final long number;
        final byte[] payload;
        final CompletableFuture<Void> done;

        Entry(long number, byte[] payload, CompletableFuture<Void> done) {
            this.number = number;
            this.payload = payload;
            this.done = done;
        }
    }
}
