package org.keyfob.oath.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks PINs against their PBKDF2 hashes, remembering PINs that matched so a user's next login
 * costs one HMAC instead of a hundred thousand: the deliberately slow hash protects a stolen
 * database, not the running server, and would otherwise cap logins at a few dozen per second.
 *
 * <p>What is remembered is HMAC-SHA256 under a random key that lives only in this process, keyed
 * by the stored hash string, so a changed PIN (a new salted hash) is never served from memory.
 * Wrong PINs are never remembered and always pay the full PBKDF2 cost. Thread-safe; bounded.
 */
final class PinCheck {
    private static final int MAX_ENTRIES = 100_000;

    private final byte[] processKey = new byte[32];
    private final Map<String, byte[]> verified = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    PinCheck() {
        new SecureRandom().nextBytes(processKey);
    }

    boolean matches(String pin, String storedHash) {
        byte[] tag = tag(pin, storedHash);
        byte[] known;
        synchronized (verified) {
            known = verified.get(storedHash);
        }
        if (known != null) {
            return MessageDigest.isEqual(known, tag);
        }
        if (!PinHasher.matches(pin, storedHash)) {
            return false;
        }
        synchronized (verified) {
            verified.put(storedHash, tag);
        }
        return true;
    }

    private byte[] tag(String pin, String storedHash) {
        Mac mac = macs.get();
        mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(pin.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One keyed HMAC per thread: looking up and keying a Mac costs more than the HMAC itself, and
     * this runs on every login. doFinal resets it for the next use.
     */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(processKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is in every Java 17 runtime", e);
        }
    }
}
