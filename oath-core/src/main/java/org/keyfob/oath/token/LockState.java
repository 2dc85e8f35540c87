package org.keyfob.oath.token;

import java.time.Instant;
import java.util.Optional;

/**
 * Consecutive failed attempts and, once they reached the threshold, the instant the lock ends
 * ({@link Instant#MAX} for "until an admin unlocks"). Used for tokens and for users alike.
 */
public record LockState(int failures, Optional<Instant> lockedUntil) {
    public static final LockState CLEAR = new LockState(0, Optional.empty());

    public LockState {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative, was " + failures);
        }
    }

    public boolean isLocked(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }
}
