package org.keyfob.oath.token;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What every secret type shares (STYLE §5): bytes copied in and out, never printed, no
 * {@code equals} but identity, comparison only in constant time. Each secret keeps its own type
 * ({@link Seed}, the store's {@code SharedSecret}, OCRA's {@code OcraPassword}) and names the one
 * method its bytes leave by, so a search finds every use.
 */
public abstract class SecretBytes {
    private final byte[] bytes;

    /** Copies {@code bytes}; {@code what} names the secret in the refusal of an empty one. */
    protected SecretBytes(byte[] bytes, String what) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        this.bytes = bytes.clone();
    }

    /** Length of the secret in bytes. */
    public final int length() {
        return bytes.length;
    }

    /** A copy of the bytes, for the subclass's one public way out. */
    protected final byte[] copyOfBytes() {
        return bytes.clone();
    }

    /** Constant-time comparison; a length difference is a non-match. */
    protected final boolean sameBytes(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the secret in memory; the value is unusable afterwards. */
    public final void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /** {@code Seed[20 bytes]}: the type and the length, never the bytes. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + bytes.length + " bytes]";
    }
}
