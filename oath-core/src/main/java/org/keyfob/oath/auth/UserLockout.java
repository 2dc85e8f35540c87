package org.keyfob.oath.auth;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.verify.LockoutPolicy;

/**
 * Counts failed logins per user with a compare-and-set, like token state, so none is lost. A
 * success is written with the token's state instead ({@link org.keyfob.oath.store.LoginSuccess}).
 */
final class UserLockout {
    private static final int MAX_ATTEMPTS = 100;

    private final UserStore users;
    private final LockoutPolicy policy;

    UserLockout(UserStore users, LockoutPolicy policy) {
        this.users = users;
        this.policy = policy;
    }

    /**
     * Records a failure, starting from {@code read}, the user as this login read it (so the usual
     * case costs one write and no extra read); true if this failure locked the user.
     */
    boolean failure(User read, Instant now) {
        Optional<User> user = Optional.of(read);
        for (int i = 0; i < MAX_ATTEMPTS && user.isPresent(); i++) {
            LockState before = policy.expire(user.get().lock(), now);
            LockState after = policy.afterFailure(before, now);
            if (users.compareAndSetLock(read.name(), user.get().version(), after, false, now)) {
                return !before.isLocked(now) && after.isLocked(now);
            }
            user = users.find(read.name());
        }
        return false;
    }
}
