package org.keyfob.oath.auth;

import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.User;

/**
 * The PIN kept in the store as a salted hash (see {@link PinHasher}): a user without a PIN logs in
 * with an empty PIN part, a user with one must give it. The default first factor. Thread-safe.
 */
public final class LocalPin implements FirstFactor {
    private final PinCheck pins = new PinCheck();

    @Override
    public FirstFactorResult check(User user, String secret, Actor client) {
        boolean matches = user.pinHash().map(hash -> pins.matches(secret, hash)).orElse(secret.isEmpty());
        return matches ? FirstFactorResult.PASSED : new FirstFactorResult.Failed(RejectReason.BAD_PIN);
    }
}
