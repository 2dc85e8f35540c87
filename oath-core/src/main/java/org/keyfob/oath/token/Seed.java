package org.keyfob.oath.token;

/**
 * A token's shared secret. {@link #revealBytes()} is the one way out, named so a search finds
 * every use; see {@link SecretBytes} for what all secrets share.
 */
public final class Seed extends SecretBytes {

    private Seed(byte[] bytes) {
        super(bytes, "a seed");
    }

    /** Copies {@code bytes}; the caller may wipe its array afterwards. */
    public static Seed of(byte[] bytes) {
        return new Seed(bytes);
    }

    /** A copy of the secret bytes. Every caller is a place where the secret leaves this type. */
    public byte[] revealBytes() {
        return copyOfBytes();
    }

    /** Constant-time comparison with another seed; a length difference is a non-match. */
    public boolean matches(Seed other) {
        return sameBytes(other);
    }
}
