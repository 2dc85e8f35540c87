package org.keyfob.cli.user;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.User;
import org.keyfob.oath.token.LockState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keyfob user show USER}: one user's PIN (set or not, never the hash), lock and replies. */
@Command(name = "show", description = "Show one user: PIN set or not, lock state, tokens and reply attributes.")
final class UserShowCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user's name.")
    String name;

    @Mixin
    OutputOption output;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        User user = store.users().find(name).orElseThrow(() -> new RefusedException("no user " + name));
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("user", user.name()),
                List.of("pin", user.pinHash().isPresent() ? "yes" : "no"),
                List.of("failures", Integer.toString(user.lock().failures())),
                List.of("locked", locked(user.lock(), session.clock().instant())),
                List.of("last_success", user.lastSuccess().map(Instant::toString).orElse("")),
                List.of("last_failure", user.lastFailure().map(Instant::toString).orElse("")),
                List.of("created", user.created().toString())));
        store.tokens().findByUser(name).forEach(t -> rows.add(List.of("token", t.token().serial().toString())));
        for (ReplyAttribute reply : store.users().replyAttributes(name)) {
            rows.add(List.of("reply", reply.toString()));
        }
        output.write(out, List.of("field", "value"), rows);
        return 0;
    }

    private static String locked(LockState lock, Instant now) {
        if (!lock.isLocked(now)) {
            return "no";
        }
        Instant until = lock.lockedUntil().orElseThrow();
        return until.equals(Instant.MAX) ? "yes, until an admin runs keyfob user unlock" : "yes, until " + until;
    }
}
