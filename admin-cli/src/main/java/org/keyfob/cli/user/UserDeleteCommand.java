package org.keyfob.cli.user;

import java.io.PrintWriter;
import java.util.List;
import org.keyfob.cli.support.Confirmation;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob user delete USER}: removes the user, their PIN and reply attributes. Their tokens
 * stay in the store, unassigned (each unassignment audited), ready for someone else.
 */
@Command(name = "delete", description = "Delete a user, their PIN and reply attributes; asks to type the name unless"
        + " --yes. Their tokens are unassigned and stay in the store.")
final class UserDeleteCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user's name.")
    String name;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (store.users().find(name).isEmpty()) {
            throw new RefusedException("no user " + name + "; 'keyfob user list' shows them");
        }
        List<Serial> tokens = store.tokens().findByUser(name).stream().map(t -> t.token().serial()).toList();
        String held = String.join(", ", tokens.stream().map(Serial::value).toList());
        Confirmation.require(yes, out, "user " + name, tokens.isEmpty() ? "" : " (holds " + held + ")", name);
        for (Serial serial : tokens) {
            store.tokens().unassign(serial, name, session.actor());
        }
        if (!store.users().delete(name, session.actor())) {
            throw new RefusedException("user " + name + " was deleted by someone else meanwhile");
        }
        out.println("deleted user " + name + (tokens.isEmpty() ? "" : "; unassigned " + held + " (still in the store)"));
        return 0;
    }
}
