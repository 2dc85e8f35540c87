package org.keyfob.cli.user;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List users, with PIN and lock state.")
final class UserListCommand extends StoreCommand {
    @Mixin
    OutputOption output;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) {
        Instant now = session.clock().instant();
        List<List<String>> rows = store.users().list().stream().map(u -> List.of(u.name(),
                u.pinHash().isPresent() ? "yes" : "no",
                u.lock().isLocked(now) ? "locked" : Integer.toString(u.lock().failures()),
                u.lastSuccess().map(Instant::toString).orElse(""))).toList();
        output.write(out, List.of("user", "pin", "failures", "last_success"), rows);
        return 0;
    }
}
