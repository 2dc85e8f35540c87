package org.keyfob.oath.store.jdbi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.keyfob.oath.store.StoreException;

/**
 * Encrypts secrets for storage with AES-256-GCM under the active master key. The blob is
 * {@code nonce(12) || ciphertext || tag(16)}; the associated data binds it to its row (e.g.
 * {@code token:SERIAL}), so a seed copied onto another row does not decrypt.
 */
final class SecretCipher {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<MasterKeys> reload;
    private volatile MasterKeys keys;

    /** With fixed keys. */
    SecretCipher(MasterKeys keys) {
        this(keys, () -> keys);
    }

    /** With {@code keys}, read again through {@code reload} when a row names a key they lack. */
    SecretCipher(MasterKeys keys, Supplier<MasterKeys> reload) {
        this.keys = keys;
        this.reload = reload;
    }

    /** True if {@code keyId} is known, reading the keys again once if it is not. */
    boolean holds(String keyId) {
        return find(keyId).isPresent();
    }

    private Optional<MasterKey> find(String keyId) {
        Optional<MasterKey> key = keys.find(keyId);
        return key.isPresent() ? key : reloaded().find(keyId);
    }

    private synchronized MasterKeys reloaded() {
        keys = reload.get();
        return keys;
    }

    /** A secret encrypted for one row, with the id of the key that did it. */
    record Sealed(String keyId, byte[] blob) {
    }

    String activeKeyId() {
        return keys.active().id();
    }

    Sealed seal(byte[] plaintext, String row) {
        MasterKey key = keys.active();
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] blob = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, blob, NONCE, sealed.length);
            return new Sealed(key.id(), blob);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-256-GCM is in every Java 17 runtime", e);
        }
    }

    byte[] open(String keyId, byte[] blob, String row) {
        MasterKey key = find(keyId).orElseThrow(() -> new StoreException("the secret of " + row
                + " was encrypted with master key " + keyId + ", which the key file does not hold;"
                + " use the key file that belongs to this database"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, blob, 0, NONCE));
            cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, NONCE, blob.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new StoreException("the secret of " + row + " does not decrypt with master key " + keyId
                    + ": the row was altered or the key file is not the one it was written with");
        }
    }
}
