package org.keyfob.oath.store.jdbi;

import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.StoreException;

/**
 * Refuses a store whose secrets were sealed under master keys the key file does not hold. Without
 * this, a second server started with a fresh key file (or a restore onto the wrong host) would
 * start, then fail every login on a decryption error.
 */
final class KeyCoverage {
    private KeyCoverage() {
    }

    static void check(Jdbi jdbi, SecretCipher cipher) {
        List<String> used = jdbi.withHandle(h -> h.createQuery(
                        "SELECT seed_key_id FROM tokens UNION SELECT secret_key_id FROM radius_clients")
                .mapTo(String.class)
                .list());
        TreeSet<String> missing = new TreeSet<>();
        for (String id : used) {
            if (!cipher.holds(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new StoreException("the store holds secrets sealed under master key " + String.join(", ", missing)
                    + ", which the key file (store.key-file) does not contain; copy the key file from the server"
                    + " that wrote this store (every server sharing a store needs the same key file)");
        }
    }
}
