package org.keyfob.server.radius;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-side RADIUS client encoder, written from the RFCs and deliberately sharing no code with
 * the server's codec: an Access-Request with PAP (RFC 2865 §5.2) and Message-Authenticator
 * (RFC 3579 §3.2), and the checks a NAS makes on the answer (RFC 2865 §3 Response Authenticator).
 */
final class WireRequest {
    static final int ACCESS_REQUEST = 1;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int USER_NAME = 1;
    static final int USER_PASSWORD = 2;
    static final int NAS_IDENTIFIER = 32;
    static final int MESSAGE_AUTHENTICATOR = 80;

    private WireRequest() {
    }

    /**
     * Access-Request bytes: Message-Authenticator first, then User-Name, the hidden
     * User-Password, and {@code extra} (already encoded attributes, possibly empty).
     */
    static byte[] accessRequest(String secret, int identifier, byte[] requestAuthenticator, String user,
            String password, byte[] extra) {
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        attributes.writeBytes(attribute(MESSAGE_AUTHENTICATOR, new byte[16]));
        attributes.writeBytes(attribute(USER_NAME, user.getBytes(StandardCharsets.UTF_8)));
        attributes.writeBytes(attribute(USER_PASSWORD, hidePassword(password, requestAuthenticator, secret)));
        attributes.writeBytes(extra);
        byte[] packet = header(ACCESS_REQUEST, identifier, requestAuthenticator, attributes.toByteArray());
        // RFC 3579 §3.2: HMAC-MD5 over the whole packet with the Message-Authenticator value zeroed.
        System.arraycopy(hmacMd5(secret, packet), 0, packet, 22, 16);
        return packet;
    }

    /** A fresh request with a random identifier and Request Authenticator from {@code random}. */
    static byte[] accessRequest(String secret, Random random, String user, String password) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        return accessRequest(secret, random.nextInt(256), authenticator, user, password, new byte[0]);
    }

    static byte[] attribute(int type, byte[] value) {
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) type;
        out[1] = (byte) out.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    /**
     * RFC 2865 §5.2: pad to 16-byte blocks with NULs; c(1) = p(1) xor MD5(S + RA), and each later
     * block c(i) = p(i) xor MD5(S + c(i-1)).
     */
    static byte[] hidePassword(String password, byte[] requestAuthenticator, String secret) {
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(plain, Math.max(16, (plain.length + 15) / 16 * 16));
        byte[] hidden = new byte[padded.length];
        byte[] previous = requestAuthenticator;
        for (int block = 0; block < padded.length; block += 16) {
            byte[] mask = md5(secret.getBytes(StandardCharsets.UTF_8), previous);
            for (int i = 0; i < 16; i++) {
                hidden[block + i] = (byte) (padded[block + i] ^ mask[i]);
            }
            previous = Arrays.copyOfRange(hidden, block, block + 16);
        }
        return hidden;
    }

    /** RFC 2865 §3: MD5(Code + ID + Length + RequestAuth + Attributes + Secret). */
    static byte[] expectedResponseAuthenticator(byte[] response, byte[] requestAuthenticator, String secret) {
        return md5(Arrays.copyOfRange(response, 0, 4), requestAuthenticator,
                Arrays.copyOfRange(response, 20, response.length), secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 3579 §3.2: a response's Message-Authenticator is the HMAC-MD5 of the response with the
     * Request Authenticator in the authenticator field and the Message-Authenticator value zeroed.
     * {@code valueOffset} is where the 16-byte value starts.
     */
    static byte[] expectedResponseMessageAuthenticator(byte[] response, int valueOffset, byte[] requestAuthenticator,
            String secret) {
        byte[] copy = response.clone();
        System.arraycopy(requestAuthenticator, 0, copy, 4, 16);
        Arrays.fill(copy, valueOffset, valueOffset + 16, (byte) 0);
        return hmacMd5(secret, copy);
    }

    private static byte[] header(int code, int identifier, byte[] authenticator, byte[] attributes) {
        int length = 20 + attributes.length;
        byte[] packet = new byte[length];
        packet[0] = (byte) code;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        System.arraycopy(authenticator, 0, packet, 4, 16);
        System.arraycopy(attributes, 0, packet, 20, attributes.length);
        return packet;
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                md5.update(part);
            }
            return md5.digest();
        } catch (GeneralSecurityException e) {
            throw new AssertionError("MD5 is in every Java 17 runtime", e);
        }
    }

    static byte[] hmacMd5(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacMD5 is in every Java 17 runtime", e);
        }
    }
}
