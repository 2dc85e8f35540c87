package org.keyfob.oath.store.jdbi;

import java.util.List;

/**
 * A column holding a secret sealed by {@link SecretCipher}: its table, the column that names the
 * row (and so the associated data, {@code aadPrefix + name}), the blob column and the key id
 * column. Key rotation re-encrypts these; restore checks that the key file opens every one.
 */
record SealedColumn(String table, String nameColumn, String blobColumn, String keyColumn, String aadPrefix) {

    static final List<SealedColumn> ALL = List.of(
            new SealedColumn("tokens", "serial", "seed", "seed_key_id", "token:"),
            new SealedColumn("radius_clients", "name", "secret", "secret_key_id", "client:"));
}
