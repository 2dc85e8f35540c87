package org.keyfob.cli.token;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keyfob.cli.support.ProgressBar;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.ImportTally;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenImport;
import org.keyfob.oath.store.TokenStore.NewToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token import FILE}: every token in a vendor file lands in one transaction, or
 * none does. Tokens are written in batches while the file is read, so memory does not grow with
 * the file; a problem anywhere in the file, or a serial already in the store (without
 * {@code --update}), rolls everything back. {@code --dry-run} does the same work and always
 * rolls back.
 */
@Command(name = "import", description = "Import tokens from a PSKC (RFC 6030) or CSV file, all or nothing.")
final class TokenImportCommand extends StoreCommand {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin
    ImportSource source;

    @Option(names = "--create-users", description = "Create the users a file names (Azure MFA / Token2 CSV) if missing.")
    boolean createUsers;

    @Option(names = "--update", description = "Update tokens whose serial is in the store already (seed, spec, "
            + "counter, vendor data; status and assignments are kept) instead of refusing the file.")
    boolean update;

    @Option(names = "--dry-run", description = "Check the file and report what would be imported; change nothing.")
    boolean dryRun;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        ProgressBar bar;
        try {
            bar = ProgressBar.onStandardError(err(), Files.size(file));
        } catch (IOException e) {
            throw new RefusedException("cannot read " + file + ": " + e.getMessage());
        }
        ImportTally tally;
        long skipped;
        try (TokenImport importing = store.tokens().beginImport(session.actor(), new TokenImport.Rules(update, createUsers))) {
            try {
                skipped = source.read(file, bar::counting, t -> {
                    importing.put(new NewToken(t.token(), t.details()), t.user(), t.origin());
                    bar.tokenRead();
                });
            } finally {
                bar.finish();
            }
            tally = importing.flush();
            if (tally.refusalCount() > 0) {
                throw new RefusedException(String.join("\n", tally.refusals())
                        + (tally.refusalCount() > tally.refusals().size()
                                ? "\n(" + (tally.refusalCount() - tally.refusals().size()) + " more)" : "")
                        + "\nnothing was imported; " + (update ? "fix the file or the store"
                                : "pass --update to update those tokens, delete them first, or remove them from the file"));
            }
            if (dryRun) {
                out.println("would have " + summary(tally, skipped) + " (dry run: nothing changed)");
                return 0;
            }
            tally = importing.commit();
        } catch (StoreException e) {
            throw new RefusedException(e.getMessage() + "\nnothing was imported");
        }
        out.println(summary(tally, skipped)
                + (tally.assigned() > 0 ? "; assigned " + tally.assigned() : "")
                + (tally.usersCreated() > 0 ? "; created " + tally.usersCreated() + " users" : ""));
        return 0;
    }

    /** {@code imported 3 tokens (HOTP 2, TOTP 1), updated 1 (TOTP 1), skipped 1 (PIN key) from f}. */
    private String summary(ImportTally tally, long skipped) {
        String added = ImportTally.byKind(tally.added());
        String updated = ImportTally.byKind(tally.updated());
        return "imported " + tally.addedCount() + " tokens" + (added.isEmpty() ? "" : " (" + added + ")")
                + (update ? ", updated " + tally.updatedCount() + (updated.isEmpty() ? "" : " (" + updated + ")") : "")
                + (skipped > 0 ? ", skipped " + skipped + " (PIN key" + (skipped > 1 ? "s" : "") + ")" : "")
                + " from " + file.getFileName();
    }
}
