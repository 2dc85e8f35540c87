package org.keyfob.oath.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.token.LockState;

/**
 * Locks a token (or user) after {@code threshold} consecutive failures for {@code period}.
 *
 * @param threshold failures that lock; 0 never locks. Default 10, at most 1000.
 * @param period how long a lock lasts; {@link Duration#ZERO} means until an admin unlocks.
 *     Default 15 minutes.
 */
public record LockoutPolicy(int threshold, Duration period) {
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(10, Duration.ofMinutes(15));

    public LockoutPolicy {
        if (threshold < 0 || threshold > 1000) {
            throw new IllegalArgumentException("lockout threshold must be 0..1000, was " + threshold);
        }
        if (period.isNegative()) {
            throw new IllegalArgumentException("lock period must not be negative, was " + period);
        }
    }

    /** The state after one more failure at {@code now}: locked once the threshold is reached. */
    public LockState afterFailure(LockState state, Instant now) {
        int failures = state.failures() + 1;
        if (threshold == 0 || failures < threshold) {
            return new LockState(failures, Optional.empty());
        }
        Instant until = period.isZero() ? Instant.MAX : now.plus(period);
        return new LockState(failures, Optional.of(until));
    }

    /** A lock that has run out is cleared, with its failures, so the owner starts afresh. */
    public LockState expire(LockState state, Instant now) {
        return state.lockedUntil().isPresent() && !state.isLocked(now) ? LockState.CLEAR : state;
    }
}
