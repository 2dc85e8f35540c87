package org.keyfob.cli;

import java.io.PrintWriter;
import java.time.Instant;
import org.keyfob.cli.support.Confirmation;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyfob audit purge --before TIME}: deletes the events that occurred before TIME, in
 * batches, and records one event saying how many (the log never grows smaller silently).
 */
@Command(name = "purge", description = "Delete the audit events that occurred before a time; asks to type purge"
        + " unless --yes. The purge itself is recorded.")
final class AuditPurgeCommand extends StoreCommand {
    @Option(names = "--before", required = true, paramLabel = "TIME",
            description = "ISO 8601 instant in the past, e.g. 2025-11-22T00:00:00Z: events before it are deleted.")
    String before;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Instant cut = AuditCommand.instant(before).orElseThrow();
        if (!cut.isBefore(session.clock().instant())) {
            throw new RefusedException("--before " + cut + " is not in the past; give the oldest time whose events"
                    + " you keep, e.g. a year ago");
        }
        Confirmation.require(yes, out, "the audit events that occurred before " + cut, "", "purge");
        long purged = store.audit().purgeBefore(cut, session.actor());
        out.println("deleted " + purged + " audit events that occurred before " + cut);
        return 0;
    }
}
