package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.Optional;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "assign", description = "Give a token to a user (one token per user and one user per token).")
final class TokenAssignCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1", paramLabel = "USER", description = "The user who gets it.")
    String user;

    @Option(names = "--create-user", description = "Add USER first, with no local PIN, if there is none: for"
            + " directory (LDAP) users, whose PIN part is their directory password.")
    boolean createUser;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (createUser && store.users().find(user).isEmpty() && store.tokens().find(new Serial(serial)).isPresent()) {
            store.users().add(user, Optional.empty(), session.actor());
            out.println("added user " + user + " with no local PIN");
        }
        Assignment result = store.tokens().assign(new Serial(serial), user, AssignmentLimits.ONE_TO_ONE, session.actor());
        switch (result) {
            case ASSIGNED -> out.println("assigned " + serial + " to " + user);
            case ALREADY_ASSIGNED -> out.println(serial + " is already assigned to " + user);
            case UNKNOWN_TOKEN -> throw new RefusedException("no token " + serial + "; 'keyfob token list' shows them");
            case UNKNOWN_USER -> throw new RefusedException("no user " + user + "; add it with 'keyfob user add " + user
                    + "', or pass --create-user for a directory user");
            case USER_AT_LIMIT -> throw new RefusedException(user + " already holds a token; unassign it first");
            case TOKEN_AT_LIMIT -> throw new RefusedException(serial + " is already assigned to "
                    + String.join(", ", store.tokens().usersOf(new Serial(serial))) + "; unassign it first");
        }
        return 0;
    }
}
