package org.keyfob.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.RestoreMode;
import org.keyfob.oath.store.RestoreOutcome;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob restore FILE --yes}: replaces the store's contents with a backup, after checking
 * that the master key file decrypts every secret in it; {@code --check} only checks.
 */
@Command(name = "restore", description = {
    "Replace everything in the store with the backup FILE (from 'keyfob backup'), in one transaction.",
    "First checks the file and that the current master key file decrypts every seed and client secret in it;"
        + " if not, nothing is changed. Stop keyfobd on every server before restoring."})
public final class RestoreCommand extends StoreCommand {

    @Parameters(paramLabel = "FILE", description = "A file written by 'keyfob backup'.")
    Path file;

    @Option(names = "--yes", description = "Really replace every token, user, client and audit event with FILE's.")
    boolean yes;

    @Option(names = "--check", description = "Only check FILE against this store and its key file; change nothing.")
    boolean check;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (yes == check) {
            throw new RefusedException("restore replaces every token, user, client and audit event in the store"
                    + " with those in " + file + "; add --yes to do it, or --check to only check the file");
        }
        RestoreOutcome outcome;
        try (InputStream in = Files.newInputStream(file)) {
            outcome = store.restore(in, check ? RestoreMode.CHECK_ONLY : RestoreMode.REPLACE, session.actor());
        } catch (NoSuchFileException e) {
            throw new RefusedException("no file " + file);
        } catch (IOException e) {
            throw new RefusedException("cannot read " + file + ": " + e.getMessage());
        }
        String keyFile = KeyFileName.of(spec);
        if (outcome instanceof RestoreOutcome.Refused refused) {
            PrintWriter err = err();
            refused.problems().forEach(p -> err.println("keyfob: " + file + ": " + p));
            err.flush();
            throw new RefusedException(file + " was not restored (" + refused.problems().size()
                    + " problem(s) above); the store is unchanged. Key file: " + keyFile);
        }
        if (outcome instanceof RestoreOutcome.Checked checked) {
            out.println(file + " can be restored: backup of " + checked.summary().created() + ", "
                    + BackupCounts.describe(checked.summary()) + "; every secret decrypts with " + keyFile
                    + ". Nothing was changed.");
            return 0;
        }
        if (outcome instanceof RestoreOutcome.Restored restored) {
            out.println("restored " + file + " (backup of " + restored.summary().created() + "): "
                    + BackupCounts.describe(restored.summary()));
            err().println("keyfob: note: codes used since the backup stay used (counters were kept where they were);"
                    + " logins that were waiting for a challenge answer must start again.");
            err().flush();
            return 0;
        }
        throw new AssertionError(outcome);
    }
}
