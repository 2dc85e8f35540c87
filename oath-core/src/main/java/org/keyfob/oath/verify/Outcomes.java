package org.keyfob.oath.verify;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.NeedsNextCode;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/** The state changes every kind of token shares: success clears, failure counts toward the lock. */
final class Outcomes {
    private final LockoutPolicy lockout;

    Outcomes(LockoutPolicy lockout) {
        this.lockout = lockout;
    }

    Verification accepted(TokenState state, long factor, long offset, int drift, Instant now) {
        return new Accepted(state.accepted(factor, drift, now), factor, offset);
    }

    /**
     * Accepted without a moving factor (an OCRA suite with neither counter nor time): the counter
     * stays, failures and any pending resync are cleared.
     */
    Verification acceptedKeepingCounter(TokenState state, Instant now) {
        TokenState next = new TokenState(state.counter(), state.drift(), LockState.CLEAR, Optional.empty(),
                Optional.of(now));
        return new Accepted(next, state.counter(), 0);
    }

    /** A rejection that counts as a failed attempt and drops any pending resync. */
    Verification failed(Reason reason, TokenState state, Instant now) {
        TokenState next = state.withLock(lockout.afterFailure(state.lock(), now))
                .withPending(Optional.empty());
        return new Rejected(reason, next);
    }

    /** A far code: counts as a failed attempt, and waits for its successor. */
    Verification pending(TokenState state, long factor, Instant now) {
        TokenState next = state.withLock(lockout.afterFailure(state.lock(), now))
                .withPending(Optional.of(new PendingResync(factor, now)));
        return new NeedsNextCode(next);
    }
}
