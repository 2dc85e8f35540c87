package org.keyfob.cli.user;

import java.io.PrintWriter;
import java.util.Optional;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-pin", description = "Set or remove a user's PIN.")
final class UserSetPinCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user's name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @ArgGroup(exclusive = true)
        PinOptions pin;

        @Option(names = "--remove", description = "Remove the PIN: the user logs in with the code alone.")
        boolean remove;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Optional<String> hash = choice.remove ? Optional.empty() : choice.pin.hash();
        if (!choice.remove && hash.isEmpty()) {
            throw new RefusedException("give --pin or --pin-file, or --remove");
        }
        if (!store.users().setPinHash(name, hash, session.actor())) {
            throw new RefusedException("no user " + name);
        }
        out.println((hash.isPresent() ? "set the PIN of " : "removed the PIN of ") + name);
        return 0;
    }
}
