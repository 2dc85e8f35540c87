package org.keyfob.oath.auth;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.verify.LockoutPolicy;

/** Counts failed logins per user with a compare-and-set, like token state, so none is lost. */
final class UserLockout {
    private static final int MAX_ATTEMPTS = 100;

    private final UserStore users;
    private final LockoutPolicy policy;

    UserLockout(UserStore users, LockoutPolicy policy) {
        this.users = users;
        this.policy = policy;
    }

    /** Records a failure; true if this failure locked the user. */
    boolean failure(String name, Instant now) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Optional<User> user = users.find(name);
            if (user.isEmpty()) {
                return false;
            }
            LockState before = policy.expire(user.get().lock(), now);
            LockState after = policy.afterFailure(before, now);
            if (users.compareAndSetLock(name, user.get().version(), after, false, now)) {
                return !before.isLocked(now) && after.isLocked(now);
            }
        }
        return false;
    }

    /** Records a success: failures cleared. */
    void success(String name, Instant now) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Optional<User> user = users.find(name);
            if (user.isEmpty() || users.compareAndSetLock(name, user.get().version(), LockState.CLEAR, true, now)) {
                return;
            }
        }
    }
}
