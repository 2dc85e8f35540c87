package org.keyfob.cli.token;

import java.io.PrintWriter;
import org.keyfob.cli.support.AdminAudit;
import org.keyfob.cli.support.ExitCodes;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.Tokens;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token verify SERIAL CODE}: the vendor consoles' "Verify" button. It runs the
 * server's verifier and stores the outcome, so an accepted code is used up and a wrong one counts
 * toward the token's lockout. No PIN is involved; {@code keyfob check} tests a whole login.
 */
@Command(name = "verify", description = "Test a code against a token, as keyfobd would (no PIN). An accepted code is"
        + " used up and a wrong one counts toward lockout. Exit 0 if accepted, 1 if not.")
final class TokenVerifyCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Parameters(index = "1", paramLabel = "CODE", description = "The code the token shows now.")
    String code;

    @Option(names = "--resync", description = "If the code is far ahead of the counter or clock, ask for the token's"
            + " next code (terminal or standard input) and resynchronise with the two.")
    boolean resync;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        StoredToken token = Tokens.require(store, serial);
        if (token.token().spec().kind() == TokenKind.OCRA) {
            throw new RefusedException(serial + " is an OCRA token: its responses answer a challenge keyfobd asks;"
                    + " test it with a RADIUS login in challenge mode");
        }
        TokenCheck check = new TokenCheck(store.tokens(), new Verifier(OtpPolicy.DEFAULT.withAutoResync(resync)));
        Verification v = check.check(token, code, session.clock().instant());
        if (resync && v instanceof Verification.NeedsNextCode) {
            out.println(Outcome.describe(serial, v));
            out.flush();
            String next = SecretInput.readLine("next code").strip();
            v = check.check(Tokens.require(store, serial), next, session.clock().instant());
        }
        AdminAudit.record(store, session, AuditEventType.E_OTP_VERIFIED, Tokens.userOf(store, token.token().serial()),
                token.token().serial(), "keyfob token verify " + Outcome.detail(v));
        out.println(Outcome.describe(serial, v));
        return v instanceof Verification.Accepted ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
