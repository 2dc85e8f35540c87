package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.Arrays;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "state", description = "Set a token's status: VALID, DISABLED, REVOKED_LOST, REVOKED_BROKEN or REVOKED_OTHER.")
final class TokenStateCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1", paramLabel = "STATUS", description = "The new status (any letter case).")
    String status;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        TokenStatus s;
        try {
            s = TokenStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RefusedException("status " + status + " is not one of " + Arrays.toString(TokenStatus.values()));
        }
        if (!store.tokens().setStatus(new Serial(serial), s, session.actor())) {
            throw new RefusedException("no token " + serial);
        }
        out.println(serial + " is now " + s);
        return 0;
    }
}
