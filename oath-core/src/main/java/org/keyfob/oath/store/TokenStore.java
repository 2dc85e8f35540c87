package org.keyfob.oath.store;

import java.util.List;
import java.util.Optional;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Tokens, their seeds (encrypted at rest) and their assignments to users. Every admin change is
 * written together with its audit event, in one transaction.
 */
public interface TokenStore {

    /**
     * Adds all {@code tokens} in one transaction, or none: a serial that exists already fails the
     * whole call with a {@link StoreException}.
     */
    void addAll(List<NewToken> tokens, Actor actor);

    Optional<StoredToken> find(Serial serial);

    /** The tokens assigned to {@code user}, seeds decrypted, for verification: one indexed query. */
    List<StoredToken> findByUser(String user);

    /** The users {@code serial} is assigned to, by name; empty if none or no such token. */
    List<String> usersOf(Serial serial);

    /** Serials of every token, for inventories; reads no seeds. */
    List<Serial> serials();

    long count();

    /**
     * Stores {@code next} only if the token is still at {@code expectedVersion}: true if stored.
     * On false, someone else changed the token first: read it again and verify again.
     */
    boolean compareAndSetState(Serial serial, long expectedVersion, TokenState next);

    /**
     * {@link #compareAndSetState} for an accepted code, together with {@code success} (the user's
     * cleared lock and the audit row) in one transaction: all of it is stored, or none of it.
     * Committed, so durable, before this returns. On false the token changed first and nothing
     * was written: read it again and verify again. Implementations may commit several concurrent
     * calls in one transaction (group commit); each call still gets its own answer.
     */
    boolean compareAndSetAccepted(Serial serial, long expectedVersion, TokenState next, LoginSuccess success);

    /** Sets the admin status; false if there is no such token. */
    boolean setStatus(Serial serial, TokenStatus status, Actor actor);

    Assignment assign(Serial serial, String user, AssignmentLimits limits, Actor actor);

    /** Removes the assignment; false if the token was not assigned to that user. */
    boolean unassign(Serial serial, String user, Actor actor);

    /** Deletes the token and its assignments; false if there is no such token. */
    boolean delete(Serial serial, Actor actor);

    /** A token to add, with what the vendor said about it. */
    record NewToken(Token token, TokenDetails details) {
    }
}
