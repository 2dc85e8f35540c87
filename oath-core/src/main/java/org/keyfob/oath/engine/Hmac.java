package org.keyfob.oath.engine;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/**
 * An HMAC keyed with one seed, for computing many codes in a row (a look-ahead window).
 * Not thread safe: make one per verification. Keying costs one JCA lookup-free clone.
 */
public final class Hmac {
    private static final Map<HashAlgorithm, Mac> PROTOTYPES = prototypes();

    private final Mac mac;

    private Hmac(Mac mac) {
        this.mac = mac;
    }

    /** An HMAC under {@code seed}; the seed's bytes are wiped from the temporary copy. */
    public static Hmac keyed(HashAlgorithm algorithm, Seed seed) {
        byte[] key = seed.revealBytes();
        try {
            Mac mac = (Mac) PROTOTYPES.get(algorithm).clone();
            mac.init(new SecretKeySpec(key, algorithm.jcaName()));
            return new Hmac(mac);
        } catch (CloneNotSupportedException | GeneralSecurityException e) {
            throw new AssertionError("the JDK's " + algorithm.jcaName() + " accepts any non-empty key", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** HMAC of the 8-byte big-endian encoding of {@code counter} (RFC 4226 §5.2). */
    public byte[] ofCounter(long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        return mac.doFinal(message);
    }

    /** HMAC of an arbitrary message. */
    public byte[] of(byte[] message) {
        return mac.doFinal(message);
    }

    private static Map<HashAlgorithm, Mac> prototypes() {
        Map<HashAlgorithm, Mac> m = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm a : HashAlgorithm.values()) {
            try {
                m.put(a, Mac.getInstance(a.jcaName()));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError("every Java 17 runtime provides " + a.jcaName(), e);
            }
        }
        return m;
    }
}
