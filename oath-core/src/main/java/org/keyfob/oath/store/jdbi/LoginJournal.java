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
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.keyfob.oath.store.StoreException;

/**
 * The write-ahead log of the logins a server decided in memory ({@link JournaledStore}): each
 * entry is appended to a segment file and forced to the disk ({@code fsync}) before its login is
 * answered, one write and one force for every entry waiting at that moment (group commit).
 *
 * <p>Entries are numbered in the order they are appended. A segment is named by the number of
 * its first entry; once the store holds everything up to an entry ({@link #releaseUpTo}), the
 * segments before it are deleted. Each entry is framed as length, CRC-32C and number, so a torn
 * last write after a crash is recognised and ignored: its login was never answered.
 */
final class LoginJournal implements AutoCloseable {
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
    private volatile IOException failure;
    private FileChannel segment; // writer thread only, after the constructor
    private long segmentBytes;

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
            return new Appended(e.number, e.done);
        }
    }

    Path dir() {
        return dir;
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
        try {
            if (failure != null) {
                throw failure;
            }
            int size = 0;
            for (Entry e : batch) {
                size += HEADER + e.payload.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(size);
            CRC32C crc = new CRC32C();
            for (Entry e : batch) {
                crc.reset();
                ByteBuffer number = ByteBuffer.allocate(8).putLong(0, e.number);
                crc.update(number);
                crc.update(e.payload);
                buf.putInt(e.payload.length).putInt((int) crc.getValue()).putLong(e.number).put(e.payload);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                segment.write(buf);
            }
            segment.force(false);
            segmentBytes += size;
            for (Entry e : batch) {
                e.done.complete(null);
            }
            if (segmentBytes >= segmentLimit) {
                segment.close();
                segment = newSegment(batch.get(batch.size() - 1).number + 1);
            }
        } catch (IOException e) {
            failure = e;
            for (Entry x : batch) {
                x.done.completeExceptionally(new StoreException("cannot write the login journal in " + dir + " ("
                        + e.getMessage() + "); the login is refused", e));
            }
        }
    }

    private FileChannel newSegment(long firstNumber) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", firstNumber, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentBytes = 0;
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
