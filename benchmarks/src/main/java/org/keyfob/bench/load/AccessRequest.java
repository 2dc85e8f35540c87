package org.keyfob.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 2865 Access-Requests as a NAS sends them: Message-Authenticator first (RFC 3579 §3.2,
 * and BlastRADIUS advice), User-Name, User-Password hidden with the shared secret (RFC 2865
 * §5.2), NAS-Identifier. Also checks the Response Authenticator of an answer (RFC 2865 §3).
 * Written apart from the server's codec on purpose, so the two check each other.
 */
final class AccessRequest {
    static final int ACCESS_REQUEST = 1;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int ACCESS_CHALLENGE = 11;
    private static final byte[] NAS_ID = "keyfob-bench".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    AccessRequest(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The datagram; {@code authenticatorOut} receives its 16-byte Request Authenticator. */
    byte[] encode(int identifier, String user, String password, byte[] authenticatorOut) {
        ThreadLocalRandom.current().nextBytes(authenticatorOut);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] hidden = hide(password.getBytes(StandardCharsets.UTF_8), authenticatorOut);
        int length = 20 + 18 + (2 + name.length) + (2 + hidden.length) + (2 + NAS_ID.length);
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) ACCESS_REQUEST).put((byte) identifier).putShort((short) length);
        b.put(authenticatorOut);
        int maAt = b.position() + 2;
        b.put((byte) 80).put((byte) 18).put(new byte[16]);
        b.put((byte) 1).put((byte) (2 + name.length)).put(name);
        b.put((byte) 2).put((byte) (2 + hidden.length)).put(hidden);
        b.put((byte) 32).put((byte) (2 + NAS_ID.length)).put(NAS_ID);
        byte[] packet = b.array();
        System.arraycopy(hmacMd5(packet), 0, packet, maAt, 16);
        return packet;
    }

    /** User-Password hiding: MD5(secret + previous block) XOR each 16-byte block of the padded password. */
    private byte[] hide(byte[] password, byte[] requestAuthenticator) {
        int blocks = Math.max(1, (password.length + 15) / 16);
        byte[] out = Arrays.copyOf(password, blocks * 16);
        MessageDigest md5 = md5();
        byte[] previous = requestAuthenticator;
        for (int i = 0; i < blocks; i++) {
            md5.update(secret);
            md5.update(previous, 0, 16);
            byte[] pad = md5.digest();
            for (int j = 0; j < 16; j++) {
                out[i * 16 + j] ^= pad[j];
            }
            previous = Arrays.copyOfRange(out, i * 16, i * 16 + 16);
        }
        return out;
    }

    /** Whether {@code answer} (of {@code length} bytes) carries the right Response Authenticator. */
    boolean answers(byte[] answer, int length, byte[] requestAuthenticator) {
        if (length < 20 || ((answer[2] & 0xff) << 8 | (answer[3] & 0xff)) != length) {
            return false;
        }
        MessageDigest md5 = md5();
        md5.update(answer, 0, 4);
        md5.update(requestAuthenticator);
        md5.update(answer, 20, length - 20);
        md5.update(secret);
        byte[] expected = md5.digest();
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(answer, 4, 20));
    }

    private byte[] hmacMd5(byte[] packet) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
            return mac.doFinal(packet);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacMD5 is in every Java runtime", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new AssertionError("MD5 is in every Java runtime", e);
        }
    }
}
