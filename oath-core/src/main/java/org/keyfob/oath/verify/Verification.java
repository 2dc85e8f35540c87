package org.keyfob.oath.verify;

import org.keyfob.oath.token.TokenState;

/**
 * The outcome of checking one code. Every outcome carries the state to store: even a rejection
 * changes it (failure count, lock, a pending resync). Store {@link #next()}, not the state you
 * passed in, and store it before answering the user.
 */
public sealed interface Verification {

    TokenState next();

    /**
     * The code was good.
     *
     * @param factor the counter or time step the code matched
     * @param offset how far from the expected place it matched: counters ahead of the stored
     *     counter (HOTP), or time steps from the verifier's clock (TOTP, positive: token runs fast)
     */
    record Accepted(TokenState next, long factor, long offset) implements Verification {
    }

    /** The code was not accepted, for {@code reason}. */
    record Rejected(Reason reason, TokenState next) implements Verification {
    }

    /**
     * The code matched far ahead (beyond the look-ahead window, inside the sync window). It is not
     * accepted; if the next request carries the code that follows it, the token is resynchronised
     * and that request accepted (auto-resync).
     */
    record NeedsNextCode(TokenState next) implements Verification {
    }

    /** Why a code was rejected; an admin reads these in the audit log. */
    enum Reason {
        /** No code in any window matched. */
        NO_MATCH,
        /** The code was already used, or is older than one that was. */
        REPLAY,
        /** Too many failed attempts; nothing was checked. */
        LOCKED,
        /** The token is revoked (lost, broken, other); nothing was checked. */
        REVOKED,
        /** The token is disabled; nothing was checked. */
        DISABLED,
        /** Not a code of the token's length and alphabet. */
        MALFORMED
    }
}
