package org.keyfob.cli.user;

import java.io.PrintWriter;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Add a user, optionally with a PIN.")
final class UserAddCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user name the NAS sends as User-Name.")
    String name;

    @ArgGroup(exclusive = true)
    PinOptions pin = new PinOptions();

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        try {
            if (!store.users().add(name, pin.hash(), session.actor())) {
                throw new RefusedException("user " + name + " exists already");
            }
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        out.println("added user " + name);
        return 0;
    }
}
