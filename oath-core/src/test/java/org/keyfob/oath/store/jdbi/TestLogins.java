package org.keyfob.oath.store.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.Verification;

/**
 * Checks a code the way the server's {@code Authenticator} does: read the token, then
 * {@link TokenCheck} with the login's success writes, so an accept goes through
 * {@code compareAndSetAccepted} and the group commit, not a bare state update.
 */
final class TestLogins {
    static final Actor NAS = Actor.client("vpn1");

    private TestLogins() {
    }

    /** What an accepted login of {@code user} on {@code serial} at {@code at} writes with the token. */
    static LoginSuccess success(String user, Serial serial, Instant at) {
        return new LoginSuccess(user, at, new AuditEvent(at, AuditEventType.E_LOGIN_SUCCEEDED, NAS,
                Optional.of(user), Optional.of(serial), ""));
    }

    /** Reads {@code serial} from {@code tokens} and checks {@code code} on it as a login of {@code user}. */
    static Verification check(TokenCheck check, TokenStore tokens, Serial serial, String code, Instant now,
            String user) {
        return check.check(tokens.find(serial).orElseThrow(() -> new AssertionError("no token " + serial)), code,
                now, success(user, serial, now));
    }
}
