package org.keyfob.server.radius.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keyfob.oath.store.SharedSecret;

/**
 * The shared-secret cryptography of RADIUS: Message-Authenticator (RFC 3579 §3.2, HMAC-MD5),
 * User-Password hiding (RFC 2865 §5.2) and the Response Authenticator (RFC 2865 §3). All
 * comparisons are constant time.
 */
public final class RadiusCrypto {
    // One per thread: looking a provider up costs more than the hash of a RADIUS packet.
    private static final ThreadLocal<KeyedMac> HMAC_MD5 = ThreadLocal.withInitial(
            () -> new KeyedMac(instance("HmacMD5", () -> Mac.getInstance("HmacMD5"))));
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(
            () -> instance("MD5", () -> MessageDigest.getInstance("MD5")));

    private static final int MA_LENGTH = 16;

    private RadiusCrypto() {
    }

    /** What a request's Message-Authenticator says: absent, valid, or present and wrong. */
    public enum MessageAuth { ABSENT, VALID, INVALID }

    /**
     * Checks the request's Message-Authenticator over its raw bytes. Two of them, or one that is not
     * 16 bytes, is {@link MessageAuth#INVALID}.
     */
    public static MessageAuth checkMessageAuthenticator(RadiusPacket request, SharedSecret secret) {
        List<Attribute> found = request.all(Attribute.MESSAGE_AUTHENTICATOR);
        if (found.isEmpty()) {
            return MessageAuth.ABSENT;
        }
        if (found.size() > 1 || found.get(0).length() != MA_LENGTH) {
            return MessageAuth.INVALID;
        }
        byte[] raw = request.raw();
        int offset = valueOffset(raw, Attribute.MESSAGE_AUTHENTICATOR);
        byte[] presented = Arrays.copyOfRange(raw, offset, offset + MA_LENGTH);
        Arrays.fill(raw, offset, offset + MA_LENGTH, (byte) 0);
        return MessageDigest.isEqual(hmacMd5(secret, raw), presented) ? MessageAuth.VALID : MessageAuth.INVALID;
    }

    /**
     * Recovers a PAP password from User-Password: 16 to 128 bytes in 16-byte blocks, each XORed
     * with MD5(secret + previous block), the first with the Request Authenticator. Trailing NULs
     * are padding. Empty if the attribute's length is not a valid one.
     */
    public static Optional<String> decodePassword(Attribute userPassword, byte[] requestAuthenticator,
            SharedSecret secret) {
        byte[] hidden = userPassword.value();
        if (hidden.length < 16 || hidden.length > 128 || hidden.length % 16 != 0) {
            return Optional.empty();
        }
        byte[] key = secret.revealBytes();
        byte[] plain = new byte[hidden.length];
        byte[] previous = requestAuthenticator;
        for (int block = 0; block < hidden.length; block += 16) {
            MessageDigest md5 = md5();
            md5.update(key);
            md5.update(previous);
            byte[] mask = md5.digest();
            for (int i = 0; i < 16; i++) {
                plain[block + i] = (byte) (hidden[block + i] ^ mask[i]);
            }
            previous = Arrays.copyOfRange(hidden, block, block + 16);
        }
        Arrays.fill(key, (byte) 0);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        String password = new String(plain, 0, end, StandardCharsets.UTF_8);
        Arrays.fill(plain, (byte) 0);
        return Optional.of(password);
    }

    /**
     * Encodes a response to {@code request}: Message-Authenticator first (BlastRADIUS, CVE-2024-3596),
     * then {@code attributes}, then the request's Proxy-State attributes unchanged (RFC 2865 §5.33),
     * signed with the Response Authenticator.
     */
    public static byte[] encodeResponse(int code, RadiusPacket request, List<Attribute> attributes, SharedSecret secret) {
        int length = RadiusPacket.HEADER + 2 + MA_LENGTH + request.wireLength(Attribute.PROXY_STATE);
        for (Attribute a : attributes) {
            length += a.length() + 2;
        }
        if (length > RadiusPacket.MAX_LENGTH) {
            throw new IllegalArgumentException("response of " + length + " bytes exceeds 4096");
        }
        byte[] packet = new byte[length];
        packet[0] = (byte) code;
        packet[1] = (byte) request.identifier();
        System.arraycopy(request.authenticator(), 0, packet, 4, 16);
        packet[RadiusPacket.HEADER] = (byte) Attribute.MESSAGE_AUTHENTICATOR;
        packet[RadiusPacket.HEADER + 1] = (byte) (MA_LENGTH + 2);
        int at = RadiusPacket.HEADER + 2 + MA_LENGTH;
        at = put(packet, at, attributes);
        put(packet, at, request.all(Attribute.PROXY_STATE));
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        System.arraycopy(hmacMd5(secret, packet), 0, packet, RadiusPacket.HEADER + 2, MA_LENGTH);
        MessageDigest md5 = md5();
        md5.update(packet);
        byte[] key = secret.revealBytes();
        md5.update(key);
        Arrays.fill(key, (byte) 0);
        System.arraycopy(md5.digest(), 0, packet, 4, 16);
        return packet;
    }

    private static int put(byte[] packet, int at, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            packet[at] = (byte) a.type();
            packet[at + 1] = (byte) (a.length() + 2);
            byte[] value = a.value();
            System.arraycopy(value, 0, packet, at + 2, value.length);
            at += value.length + 2;
        }
        return at;
    }

    /** Offset of the value of the first attribute of {@code type} in a well-formed packet. */
    private static int valueOffset(byte[] raw, int type) {
        int at = RadiusPacket.HEADER;
        while ((raw[at] & 0xff) != type) {
            at += raw[at + 1] & 0xff;
        }
        return at + 2;
    }

    private static byte[] hmacMd5(SharedSecret secret, byte[] data) {
        return HMAC_MD5.get().keyedWith(secret).doFinal(data);
    }

    /**
     * A thread's HmacMD5, still keyed with the secret it last used: keying it costs as much as
     * the hash of a packet, and a worker mostly answers the same few NASes. {@code doFinal}
     * leaves a Mac keyed, ready for the next message. A NAS whose secret changes gets a new
     * {@link SharedSecret}, so comparing by identity never uses a stale key.
     */
    private static final class KeyedMac {
        private final Mac mac;
        private SharedSecret keyedWith;

        KeyedMac(Mac mac) {
            this.mac = mac;
        }

        Mac keyedWith(SharedSecret secret) {
            if (secret != keyedWith) {
                byte[] key = secret.revealBytes();
                try {
                    mac.init(new SecretKeySpec(key, "HmacMD5"));
                } catch (GeneralSecurityException e) {
                    throw new AssertionError("HmacMD5 takes a key of any length", e);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
                keyedWith = secret;
            }
            return mac;
        }
    }

    private static MessageDigest md5() {
        MessageDigest md5 = MD5.get();
        md5.reset();
        return md5;
    }

    private static <T> T instance(String what, Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(what + " is in every Java 17 runtime", e);
        }
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }
}
