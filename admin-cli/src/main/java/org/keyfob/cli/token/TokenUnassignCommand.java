package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.List;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unassign", description = "Take a token from a user (from all its users if USER is left out).")
final class TokenUnassignCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1", paramLabel = "USER", arity = "0..1",
            description = "The user to take it from (default: whoever holds it).")
    String user;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Serial s = new Serial(serial);
        List<String> users = user != null ? List.of(user) : store.tokens().usersOf(s);
        if (users.isEmpty()) {
            throw new RefusedException(serial + " is not assigned to anyone");
        }
        for (String u : users) {
            if (!store.tokens().unassign(s, u, session.actor())) {
                throw new RefusedException(serial + " is not assigned to " + u);
            }
            out.println("unassigned " + serial + " from " + u);
        }
        return 0;
    }
}
