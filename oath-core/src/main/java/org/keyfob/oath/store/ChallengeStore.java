package org.keyfob.oath.store;

import java.time.Instant;
import java.util.Optional;

/** Pending challenges: each can be taken once, and only before it expires. */
public interface ChallengeStore {

    void put(PendingChallenge challenge);

    /**
     * Removes and returns the challenge if it exists and has not expired at {@code now}. Two
     * servers taking the same id at once: exactly one gets it.
     */
    Optional<PendingChallenge> take(String id, Instant now);

    /** Deletes challenges that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
