package org.keyfob.oath.store;

import java.nio.charset.StandardCharsets;
import org.keyfob.oath.token.SecretBytes;

/**
 * A RADIUS client's shared secret. {@link #revealBytes()} is the one way out; see
 * {@link SecretBytes} for what all secrets share.
 */
public final class SharedSecret extends SecretBytes {

    private SharedSecret(byte[] bytes) {
        super(bytes, "a shared secret");
    }

    public static SharedSecret of(byte[] bytes) {
        return new SharedSecret(bytes);
    }

    public static SharedSecret of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] revealBytes() {
        return copyOfBytes();
    }

    public boolean matches(SharedSecret other) {
        return sameBytes(other);
    }
}
