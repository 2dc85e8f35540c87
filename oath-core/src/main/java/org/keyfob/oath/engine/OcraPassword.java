package org.keyfob.oath.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * The P input of OCRA (RFC 6287 §5.1): the hash of the user's PIN or password, as the suite's
 * {@code PSHA1}, {@code PSHA256} or {@code PSHA512} names. A secret: the bytes are copied in and
 * out, never printed and never compared with {@code equals}; {@link #revealHash()} is the one
 * way out. Immutable once built, and safe to share between threads unless {@link #destroy()}ed.
 */
public final class OcraPassword {
    private final byte[] hash;

    private OcraPassword(byte[] hash) {
        this.hash = hash;
    }

    /**
     * Hashes {@code password} (typically the UTF-8 bytes of a PIN) with plain SHA-1, SHA-256 or
     * SHA-512, not HMAC. The caller may wipe its array afterwards.
     */
    public static OcraPassword hashing(HashAlgorithm algorithm, byte[] password) {
        String name = switch (algorithm) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA512 -> "SHA-512";
        };
        try {
            return new OcraPassword(MessageDigest.getInstance(name).digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java 17 runtime provides " + name, e);
        }
    }

    /** A password hash computed elsewhere, e.g. kept by the server; copies {@code hash}. */
    public static OcraPassword ofHash(byte[] hash) {
        if (hash.length == 0) {
            throw new IllegalArgumentException("a password hash must not be empty");
        }
        return new OcraPassword(hash.clone());
    }

    /** Length of the hash in bytes: 20, 32 or 64 for the hashes OCRA names. */
    public int length() {
        return hash.length;
    }

    /** A copy of the hash. Every caller is a place where the secret leaves this type. */
    public byte[] revealHash() {
        return hash.clone();
    }

    /** Constant-time comparison with another password hash; a length difference is a non-match. */
    public boolean matches(OcraPassword other) {
        return MessageDigest.isEqual(hash, other.hash);
    }

    /** Overwrites the hash in memory; the value is unusable afterwards. */
    public void destroy() {
        Arrays.fill(hash, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "OcraPassword[" + hash.length + " bytes]";
    }
}
