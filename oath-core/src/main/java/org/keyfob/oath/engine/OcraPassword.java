package org.keyfob.oath.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.SecretBytes;

/**
 * The P input of OCRA (RFC 6287 §5.1): the hash of the user's PIN or password, as the suite's
 * {@code PSHA1}, {@code PSHA256} or {@code PSHA512} names. A secret: the bytes are copied in and
 * out, never printed and never compared with {@code equals}; {@link #revealHash()} is the one
 * way out. Immutable once built, and safe to share between threads unless {@link #destroy()}ed.
 */
public final class OcraPassword extends SecretBytes {

    private OcraPassword(byte[] hash) {
        super(hash, "a password hash");
    }

    /**
     * Hashes {@code password} (typically the UTF-8 bytes of a PIN) with plain SHA-1, SHA-256 or
     * SHA-512, not HMAC. The caller may wipe its array afterwards.
     */
    public static OcraPassword hashing(HashAlgorithm algorithm, byte[] password) {
        try {
            return new OcraPassword(MessageDigest.getInstance(algorithm.digestName()).digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java 17 runtime provides " + algorithm.digestName(), e);
        }
    }

    /** A password hash computed elsewhere, e.g. kept by the server; copies {@code hash}. */
    public static OcraPassword ofHash(byte[] hash) {
        return new OcraPassword(hash);
    }

    /** A copy of the hash. Every caller is a place where the secret leaves this type. */
    public byte[] revealHash() {
        return copyOfBytes();
    }

    /** Constant-time comparison with another password hash; a length difference is a non-match. */
    public boolean matches(OcraPassword other) {
        return sameBytes(other);
    }
}
