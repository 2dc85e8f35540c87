package org.keyfob.cli.token;

import java.io.PrintWriter;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a token and its assignments; asks to type the serial unless --yes.")
final class TokenDeleteCommand extends StoreCommand {
    @Parameters(paramLabel = "SERIAL")
    String serial;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Serial s = new Serial(serial);
        if (store.tokens().find(s).isEmpty()) {
            throw new RefusedException("no token " + serial);
        }
        if (!yes) {
            out.println("Deleting " + serial + " cannot be undone. Type the serial to confirm:");
            out.flush();
            if (!SecretInput.readLine("serial").strip().equals(serial)) {
                throw new RefusedException("confirmation did not match; " + serial + " was not deleted");
            }
        }
        store.tokens().delete(s, session.actor());
        out.println("deleted " + serial);
        return 0;
    }
}
