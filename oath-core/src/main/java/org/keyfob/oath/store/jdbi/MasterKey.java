package org.keyfob.oath.store.jdbi;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One AES-256 master key and the id rows record it by. {@code toString} shows only the id. */
public final class MasterKey {
    public static final int BYTES = 32;

    private final String id;
    private final SecretKey key;

    /** Takes the key bytes and wipes the caller's array once copied. */
    public MasterKey(String id, byte[] key) {
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("master key id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (key.length != BYTES) {
            throw new IllegalArgumentException("master key must be " + BYTES + " bytes, was " + key.length);
        }
        this.id = id;
        this.key = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
    }

    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
