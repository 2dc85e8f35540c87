package org.keyfob.oath.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.token.LockState;

/** Users, their PIN hashes and login lock state. */
public interface UserStore {

    /** Adds a user; false if the name exists already. */
    boolean add(String name, Optional<String> pinHash, Actor actor);

    Optional<User> find(String name);

    List<User> list();

    boolean setPinHash(String name, Optional<String> pinHash, Actor actor);

    /**
     * Records a failed login: sets the user's lock to {@code lock} and {@code last_failure} to
     * {@code at}, only if the user is still at {@code expectedVersion}, like
     * {@link TokenStore#compareAndSetState}. A success is stored with the token's state instead
     * ({@link TokenStore#compareAndSetAccepted}).
     */
    boolean compareAndSetLock(String name, long expectedVersion, LockState lock, Instant at);

    /**
     * The attributes to add to the user's Access-Accept, in the order they were set; empty if
     * none are set or there is no such user.
     */
    List<ReplyAttribute> replyAttributes(String name);

    /**
     * Replaces all of the user's reply attributes with {@code attributes} (empty clears them), in
     * one transaction, and records {@code E_USER_MODIFIED} naming the attributes but not their
     * values; false if there is no such user.
     */
    boolean setReplyAttributes(String name, List<ReplyAttribute> attributes, Actor actor);

    /** Clears failures and lock; false if there is no such user. */
    boolean unlock(String name, Actor actor);

    /** Deletes the user and their assignments; false if there is no such user. */
    boolean delete(String name, Actor actor);
}
