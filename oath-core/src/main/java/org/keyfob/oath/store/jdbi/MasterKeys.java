package org.keyfob.oath.store.jdbi;

import java.util.List;
import java.util.Optional;

/**
 * The master keys a store may use: the last one encrypts, every one decrypts, so rows written
 * before a rotation stay readable until the rotation has re-encrypted them.
 */
public record MasterKeys(List<MasterKey> keys) {

    public MasterKeys {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one master key is needed");
        }
        keys = List.copyOf(keys);
    }

    public MasterKey active() {
        return keys.get(keys.size() - 1);
    }

    public Optional<MasterKey> find(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
