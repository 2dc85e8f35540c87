package org.keyfob.oath.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What verification reads and writes for one token. Verification returns a new state; the caller
 * stores it with a compare-and-set before answering.
 *
 * @param counter the lowest moving factor still acceptable: for HOTP the next counter, for TOTP
 *     one past the last accepted time step, for Yubico OTP one past the last accepted
 *     use/session counter. Codes below it are replays.
 * @param drift learned clock offset of a TOTP token, in time steps (positive: the token runs fast)
 * @param lock consecutive failures and lock
 * @param pending a far code waiting for its successor (auto-resync)
 * @param lastAccepted when a code was last accepted; empty until first use
 */
public record TokenState(long counter, int drift, LockState lock, Optional<PendingResync> pending,
        Optional<Instant> lastAccepted) {

    public TokenState {
        if (counter < 0) {
            throw new IllegalArgumentException("counter must not be negative, was " + counter);
        }
    }

    /** A token that has never been used, with its counter at {@code counter}. */
    public static TokenState initial(long counter) {
        return new TokenState(counter, 0, LockState.CLEAR, Optional.empty(), Optional.empty());
    }

    public TokenState withLock(LockState newLock) {
        return new TokenState(counter, drift, newLock, pending, lastAccepted);
    }

    public TokenState withPending(Optional<PendingResync> newPending) {
        return new TokenState(counter, drift, lock, newPending, lastAccepted);
    }

    /** The state after accepting factor {@code factor} at {@code now}: failures and pending cleared. */
    public TokenState accepted(long factor, int newDrift, Instant now) {
        return new TokenState(factor + 1, newDrift, LockState.CLEAR, Optional.empty(), Optional.of(now));
    }
}
