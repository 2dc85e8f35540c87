package org.keyfob.cli.user;

import java.io.PrintWriter;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unlock", description = "Clear a user's failed logins and lock.")
final class UserUnlockCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user's name.")
    String name;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (!store.users().unlock(name, session.actor())) {
            throw new RefusedException("no user " + name);
        }
        out.println("unlocked " + name);
        return 0;
    }
}
