package org.keyfob.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keyfob audit}: the newest events of the audit log, filtered, printed oldest first (as {@code tail} does);
 * {@code --follow} keeps printing new events.
 */
@Command(name = "audit", description = "Read the newest events of the audit log (logins, token and user changes), oldest first.",
        subcommands = AuditPurgeCommand.class)
public final class AuditCommand extends StoreCommand {
    @Option(names = "--since", paramLabel = "TIME", description = "ISO 8601 instant, e.g. 2026-11-22T00:00:00Z.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "ISO 8601 instant (exclusive).")
    String until;

    @Option(names = "--user", paramLabel = "USER", description = "Only events about USER.")
    String user;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "Only events about token SERIAL.")
    String serial;

    @Option(names = "--event", paramLabel = "EVENT", description = "e.g. E_LOGIN_FAILED.")
    AuditEventType event;

    @Option(names = "--limit", defaultValue = "1000", description = "The newest this many events (default 1000).")
    int limit;

    @Option(names = "--follow", description = "Keep printing new events as they happen (Ctrl-C to stop).")
    boolean follow;

    @Mixin
    OutputOption output;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        AuditQuery query;
        try {
            query = new AuditQuery(instant(since), instant(until), Optional.ofNullable(user),
                    Optional.ofNullable(serial).map(Serial::new), Optional.ofNullable(event), 0, limit);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        long last = print(store.audit().query(query), out, 0);
        try {
            while (follow) {
                Thread.sleep(1_000);
                last = print(store.audit().query(query.after(last)), out, last);
            }
        } catch (InterruptedException e) {
            // Stopped from outside (a test, an embedding program): what was printed stands. The flag
            // is not set again, so the store closes its pool normally on the way out.
            return 0;
        }
        return 0;
    }

    private long print(List<AuditEntry> entries, PrintWriter out, long last) {
        if (entries.isEmpty() && last > 0) {
            return last;
        }
        output.write(out, List.of("time", "event", "actor", "user", "serial", "detail"), entries.stream()
                .map(e -> List.of(e.event().at().toString(), e.event().type().name(), e.event().actor().toString(),
                        e.event().user().orElse(""), e.event().serial().map(Serial::value).orElse(""),
                        e.event().detail())).toList());
        return entries.isEmpty() ? last : entries.get(entries.size() - 1).id();
    }

    static Optional<Instant> instant(String text) throws RefusedException {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new RefusedException("\"" + text + "\" is not an ISO 8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}
