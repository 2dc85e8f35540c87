package org.keyfob.oath.store;

/** The answer to assigning a token to a user: only {@link #ASSIGNED} changed anything. */
public enum Assignment {
    ASSIGNED,
    ALREADY_ASSIGNED,
    UNKNOWN_TOKEN,
    UNKNOWN_USER,
    /** The user already holds {@link AssignmentLimits#tokensPerUser()} tokens. */
    USER_AT_LIMIT,
    /** The token already has {@link AssignmentLimits#usersPerToken()} users. */
    TOKEN_AT_LIMIT
}
