package org.keyfob.oath.store;

import java.io.InputStream;
import java.io.OutputStream;

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

    /**
     * Writes a consistent copy of every row (tokens, users, assignments, clients, audit...) to
     * {@code out}, read in one snapshot transaction while the store keeps serving, and records
     * {@code E_STORE_BACKED_UP}. Seeds and client secrets stay encrypted: the master key file is
     * <b>not</b> in the backup, and a restore needs it. Does not close {@code out}.
     */
    BackupSummary backup(OutputStream out, Actor actor);

    /**
     * Reads a backup written by {@link #backup} and checks it: format, the same schema version as
     * this store, and that the current master key file decrypts every secret in it. With
     * {@link RestoreMode#REPLACE} and no problem found, replaces every row of the store with the
     * backup's in one transaction and records {@code E_STORE_RESTORED}; otherwise writes nothing.
     */
    RestoreOutcome restore(InputStream in, RestoreMode mode, Actor actor);

    @Override
    void close();
}
