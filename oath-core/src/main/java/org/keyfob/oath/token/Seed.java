package org.keyfob.oath.token;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A token's shared secret. The bytes are copied in and out, never printed, never compared with
 * {@code equals}; {@link #revealBytes()} is the one way out, named so a search finds every use.
 */
public final class Seed {
    private final byte[] bytes;

    private Seed(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may wipe its array afterwards. */
    public static Seed of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a seed must not be empty");
        }
        return new Seed(bytes.clone());
    }

    /** Length of the secret in bytes. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the secret bytes. Every caller is a place where the secret leaves this type. */
    public byte[] revealBytes() {
        return bytes.clone();
    }

    /** Constant-time comparison with another seed; a length difference is a non-match. */
    public boolean matches(Seed other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the secret in memory; the seed is unusable afterwards. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
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
        return "Seed[" + bytes.length + " bytes]";
    }
}
