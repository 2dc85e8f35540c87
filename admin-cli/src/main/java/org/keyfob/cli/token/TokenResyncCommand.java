package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.util.List;
import org.keyfob.cli.support.AdminAudit;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.Tokens;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Resync;
import org.keyfob.oath.verify.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token resync SERIAL CODE1 CODE2 [CODE3]} (RFC 4226 §7.4): finds consecutive codes
 * far beyond the look-ahead window, sets the counter (HOTP) or drift (TOTP) past the last one, and
 * unlocks the token. The new state is stored with a compare-and-set, so a login racing with the
 * resync is never overwritten.
 */
@Command(name = "resync", description = "Resynchronise an HOTP or TOTP token from 2 or 3 consecutive codes it shows,"
        + " searching far beyond the normal window; unlocks the token. The codes are used up.")
final class TokenResyncCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1..3", arity = "2..3", paramLabel = "CODE", description = "2 or 3 consecutive codes, oldest first.")
    List<String> codes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        StoredToken token = Tokens.require(store, serial);
        TokenKind kind = token.token().spec().kind();
        if (kind != TokenKind.HOTP && kind != TokenKind.TOTP) {
            throw new RefusedException(serial + " is " + kind + "; only HOTP and TOTP tokens resync");
        }
        Verification v = new Resync(OtpPolicy.DEFAULT).resync(token.token(), codes, session.clock().instant());
        AuditEvent event = AdminAudit.event(session, AuditEventType.E_TOKEN_RESYNCED,
                Tokens.userOf(store, token.token().serial()), token.token().serial(), Outcome.detail(v));
        if (v instanceof Verification.Accepted
                && !store.tokens().compareAndSetState(token.token().serial(), token.version(), v.next(), event)) {
            throw new RefusedException(serial + " changed while resyncing (a login?); run the resync again with new codes");
        }
        if (!(v instanceof Verification.Accepted)) {
            store.audit().record(event);
            throw new RefusedException(serial + ": the codes were not found as consecutive codes ("
                    + ((Verification.Rejected) v).reason() + "); press the button again and give the newest codes");
        }
        out.println("resynchronised " + Outcome.describe(serial, v));
        return 0;
    }
}
