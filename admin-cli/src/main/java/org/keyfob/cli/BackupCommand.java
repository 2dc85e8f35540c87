package org.keyfob.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob backup FILE}: a consistent copy of the store, taken while keyfobd runs. The file
 * is written beside its final name, mode 0600, and renamed into place only when complete, so a
 * failed backup never leaves a file that looks whole. It never overwrites.
 */
@Command(name = "backup", description = {
    "Write a consistent copy of the whole store (tokens, users, clients, audit log) to FILE, while keyfobd runs.",
    "The master key file is NOT in the backup: back it up separately. Restore with 'keyfob restore FILE'."})
public final class BackupCommand extends StoreCommand {

    @Parameters(paramLabel = "FILE", description = "The backup file to create; it must not exist yet.")
    Path file;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (Files.exists(file)) {
            throw new RefusedException(file + " exists; backup never overwrites: give a new file name");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path partial = dir.resolve(file.getFileName() + ".partial");
        BackupSummary summary;
        try {
            createPrivate(partial);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                    OutputStream stream = Channels.newOutputStream(channel)) {
                summary = store.backup(stream, session.actor());
                stream.flush();
                channel.force(true);
            }
            // A hard link fails if FILE appeared meanwhile, where a rename would replace it.
            Files.createLink(file, partial);
            Files.delete(partial);
            syncDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(partial);
            throw new RefusedException(file + " appeared while the backup was written; backup never overwrites:"
                    + " give a new file name");
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new RefusedException("cannot write " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        out.println("backed up to " + file + ": " + BackupCounts.describe(summary) + " (store schema "
                + summary.schemaVersion() + (summary.keyIds().isEmpty() ? ""
                        : ", secrets under master key " + String.join(", ", summary.keyIds())) + ")");
        PrintWriter err = err();
        err.println("keyfob: WARNING: the master key file (" + KeyFileName.of(spec) + ") is NOT in this backup.");
        err.println("keyfob: Without it the backup's token seeds and client secrets cannot be decrypted."
                + " Back it up separately, and keep it apart from " + file + ".");
        err.flush();
        return 0;
    }

    /** The new directory entry is durable too, not only the file's bytes. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the file itself was forced.
        }
    }

    private static void createPrivate(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (Files.getFileAttributeView(path.getParent(), PosixFileAttributeView.class) != null) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
    }
}
