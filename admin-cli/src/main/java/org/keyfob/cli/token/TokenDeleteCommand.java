package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.List;
import org.keyfob.cli.support.Confirmation;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.Tokens;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a token and its assignments; asks to type the serial unless --yes.")
final class TokenDeleteCommand extends StoreCommand {
    @Parameters(paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Serial s = Tokens.require(store, serial).token().serial();
        List<String> users = store.tokens().usersOf(s);
        Confirmation.require(yes, out, "token " + serial,
                users.isEmpty() ? "" : " (it is assigned to " + String.join(", ", users) + ")", serial);
        store.tokens().delete(s, session.actor());
        out.println("deleted " + serial + (users.isEmpty() ? "" : "; " + String.join(", ", users) + " holds no token now"));
        return 0;
    }
}
