package org.keyfob.oath.auth;

import java.time.Duration;
import org.keyfob.oath.verify.LockoutPolicy;

/**
 * Login rules above the single token: the user-level lockout (failed logins across all the
 * user's tokens), how long a challenge waits for its answer, and the prompt it shows.
 */
public record AuthPolicy(LockoutPolicy userLockout, Duration challengeLifetime, String challengePrompt) {
    public static final AuthPolicy DEFAULT = new AuthPolicy(LockoutPolicy.DEFAULT, Duration.ofSeconds(120),
            "Enter the code from your token");

    public AuthPolicy {
        if (challengeLifetime.compareTo(Duration.ofSeconds(10)) < 0
                || challengeLifetime.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("challenge lifetime must be 10 s to 30 min, was " + challengeLifetime);
        }
        if (challengePrompt.isBlank() || challengePrompt.length() > 200) {
            throw new IllegalArgumentException("challenge prompt must be 1 to 200 characters");
        }
    }
}
