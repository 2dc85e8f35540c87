package org.keyfob.oath.store;

/**
 * How many tokens a user may hold and how many users may share a token. The default, one and
 * one, is what most sites want (Swivel's default); shared tokens are for on-call rotas.
 */
public record AssignmentLimits(int tokensPerUser, int usersPerToken) {
    public static final AssignmentLimits ONE_TO_ONE = new AssignmentLimits(1, 1);

    public AssignmentLimits {
        if (tokensPerUser < 1 || tokensPerUser > 100) {
            throw new IllegalArgumentException("tokens per user must be 1..100, was " + tokensPerUser);
        }
        if (usersPerToken < 1 || usersPerToken > 100) {
            throw new IllegalArgumentException("users per token must be 1..100, was " + usersPerToken);
        }
    }
}
