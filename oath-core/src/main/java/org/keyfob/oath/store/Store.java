package org.keyfob.oath.store;

/** Everything Keyfob keeps, behind one handle that owns the connections. */
public interface Store extends AutoCloseable {

    TokenStore tokens();

    UserStore users();

    ClientStore clients();

    ChallengeStore challenges();

    AuditLog audit();

    /**
     * Re-encrypts every secret not yet under the active master key, in one transaction, and
     * records {@code E_KEY_ROTATED}; returns how many secrets were re-encrypted. Run after adding
     * a new key to the key file; afterwards the old key can be removed from it.
     */
    int reencryptSecrets(Actor actor);

    @Override
    void close();
}
