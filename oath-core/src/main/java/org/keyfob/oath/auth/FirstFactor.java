package org.keyfob.oath.auth;

import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.User;

/**
 * The first factor of a login: checks the PIN part of the password (the whole password in
 * {@code challenge} mode, an empty string in {@code otp} mode) for a user the store knows.
 * {@link LocalPin} checks the user's stored PIN hash; the server adds one that binds to an LDAP
 * directory as the user. The {@link Authenticator} asks once per distinct PIN part per login.
 *
 * <p>Implementations must be thread-safe and must never pass a login whose check could not be
 * completed: a directory that is down gives {@link RejectReason#DIRECTORY_UNAVAILABLE}.
 */
public interface FirstFactor {

    /**
     * Whether {@code secret} is {@code user}'s first factor, for a login through {@code client}.
     *
     * @return {@link FirstFactorResult.Passed}, or {@link FirstFactorResult.Failed} with the reason
     */
    FirstFactorResult check(User user, String secret, Actor client);
}
