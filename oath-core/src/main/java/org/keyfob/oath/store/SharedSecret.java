package org.keyfob.oath.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A RADIUS client's shared secret. Like {@link org.keyfob.oath.token.Seed}: copied in and out,
 * never printed, compared only in constant time; {@link #revealBytes()} is the one way out.
 */
public final class SharedSecret {
    private final byte[] bytes;

    private SharedSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SharedSecret of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a shared secret must not be empty");
        }
        return new SharedSecret(bytes.clone());
    }

    public static SharedSecret of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] revealBytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean matches(SharedSecret other) {
        return MessageDigest.isEqual(bytes, other.bytes);
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
        return "SharedSecret[" + bytes.length + " bytes]";
    }
}
