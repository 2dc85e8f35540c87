package org.keyfob.oath.store;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.token.LockState;

/**
 * A user who can log in with a token. The PIN is kept only as a salted hash in an encoded form
 * such as {@code pbkdf2-sha256$…}; the lock counts failed logins across all the user's tokens.
 */
public record User(String name, Optional<String> pinHash, LockState lock, Optional<Instant> lastSuccess,
        Optional<Instant> lastFailure, Instant created, long version) {
    public static final int MAX_NAME = 256;

    public User {
        checkName(name);
    }

    /** Refuses empty, overlong or control-character names, naming the problem. */
    public static void checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("user name must be 1 to " + MAX_NAME
                    + " characters, was " + name.length());
        }
        if (name.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("user name has a control character");
        }
    }

    @Override
    public String toString() {
        return "User[" + name + ", pin " + (pinHash.isPresent() ? "set" : "not set") + ", " + lock + "]";
    }
}
