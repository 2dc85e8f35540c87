package org.keyfob.oath.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/**
 * HMAC (RFC 2104) keyed with one seed, for computing many codes in a row (a look-ahead window).
 *
 * <p>Keying hashes the padded key once into an inner and an outer digest state; each code then
 * costs a copy of those states and two compressions, where {@code javax.crypto.Mac} re-hashes the
 * padded key every time (four compressions). Checked against RFC 4226, RFC 6238 and the JDK's
 * {@code Mac} for every key length in {@code HmacTest}. Not thread safe: make one per verification.
 */
public final class Hmac {
    private static final Map<HashAlgorithm, MessageDigest> PROTOTYPES = prototypes();

    private final MessageDigest inner;
    private final MessageDigest outer;

    private Hmac(MessageDigest inner, MessageDigest outer) {
        this.inner = inner;
        this.outer = outer;
    }

    /** An HMAC under {@code seed}; temporary copies of the key are wiped. */
    public static Hmac keyed(HashAlgorithm algorithm, Seed seed) {
        byte[] key = seed.revealBytes();
        byte[] pad = new byte[algorithm.blockBytes()];
        try {
            if (key.length > pad.length) {
                byte[] hashed = copy(algorithm).digest(key);
                Arrays.fill(key, (byte) 0);
                key = hashed;
            }
            System.arraycopy(key, 0, pad, 0, key.length);
            MessageDigest inner = copy(algorithm);
            MessageDigest outer = copy(algorithm);
            xor(pad, (byte) 0x36);
            inner.update(pad);
            xor(pad, (byte) (0x36 ^ 0x5c));
            outer.update(pad);
            return new Hmac(inner, outer);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(pad, (byte) 0);
        }
    }

    /** HMAC of the 8-byte big-endian encoding of {@code counter} (RFC 4226 §5.2). */
    public byte[] ofCounter(long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        return of(message);
    }

    /** HMAC of an arbitrary message. */
    public byte[] of(byte[] message) {
        MessageDigest in = copy(inner);
        in.update(message);
        MessageDigest out = copy(outer);
        out.update(in.digest());
        return out.digest();
    }

    private static void xor(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= value;
        }
    }

    private static MessageDigest copy(HashAlgorithm algorithm) {
        return copy(PROTOTYPES.get(algorithm));
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("the JDK's SHA digests are cloneable", e);
        }
    }

    private static Map<HashAlgorithm, MessageDigest> prototypes() {
        Map<HashAlgorithm, MessageDigest> m = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm a : HashAlgorithm.values()) {
            try {
                m.put(a, MessageDigest.getInstance(a.digestName()));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError("every Java 17 runtime provides " + a.digestName(), e);
            }
        }
        return m;
    }
}
