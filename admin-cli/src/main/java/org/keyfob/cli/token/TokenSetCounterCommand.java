package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.Optional;
import org.keyfob.cli.support.AdminAudit;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.Tokens;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token set-counter SERIAL N}: sets an HOTP token's next acceptable counter, e.g.
 * from the counter the vendor printed on a replacement. Lowering it makes old codes acceptable
 * again, so the command says so.
 */
@Command(name = "set-counter", description = "Set an HOTP token's next acceptable counter (clears failures and any"
        + " pending resync). Lowering it makes codes already used acceptable again.")
final class TokenSetCounterCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1", paramLabel = "N", description = "The next counter value, 0 or more.")
    long counter;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (counter < 0) {
            throw new RefusedException("counter must be 0 or more, was " + counter);
        }
        StoredToken token = Tokens.require(store, serial);
        if (token.token().spec().kind() != TokenKind.HOTP) {
            throw new RefusedException(serial + " is " + token.token().spec().kind()
                    + "; only HOTP tokens have a counter to set (use 'keyfob token resync' for TOTP)");
        }
        TokenState old = token.token().state();
        TokenState next = new TokenState(counter, old.drift(), LockState.CLEAR, Optional.empty(), old.lastAccepted());
        if (!store.tokens().compareAndSetState(token.token().serial(), token.version(), next,
                AdminAudit.event(session, AuditEventType.E_TOKEN_MODIFIED, Tokens.userOf(store, token.token().serial()),
                        token.token().serial(), "counter=" + counter + " was=" + old.counter()))) {
            throw new RefusedException(serial + " changed while setting the counter (a login?); run it again");
        }
        out.println(serial + " counter set to " + counter + " (was " + old.counter() + ")");
        if (counter < old.counter()) {
            err().println("keyfob: warning: the counter went back; codes " + counter + " to " + (old.counter() - 1)
                    + " are acceptable again");
        }
        return 0;
    }
}
