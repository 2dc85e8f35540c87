package org.keyfob.oath.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a NAS sends for a CHAP login (RFC 2865 §5.3): the CHAP identifier, the 16-byte response
 * MD5(identifier + secret + challenge), and the challenge (CHAP-Challenge, or the Request
 * Authenticator when there is none). The server cannot recover the code from it; it can only
 * compute the response each candidate code would give and compare, in constant time.
 *
 * <p>Immutable; copies bytes in. {@code toString} prints lengths only. Not a record: it holds arrays.
 */
public final class ChapResponse {
    private final byte identifier;
    private final byte[] response;
    private final byte[] challenge;

    /**
     * @param identifier the first octet of CHAP-Password
     * @param response the 16 octets after it
     * @param challenge CHAP-Challenge, or the Request Authenticator; 1 to 253 octets
     */
    public ChapResponse(byte identifier, byte[] response, byte[] challenge) {
        if (response.length != 16) {
            throw new IllegalArgumentException("a CHAP response is 16 octets, was " + response.length);
        }
        if (challenge.length == 0 || challenge.length > 253) {
            throw new IllegalArgumentException("a CHAP challenge is 1 to 253 octets, was " + challenge.length);
        }
        this.identifier = identifier;
        this.response = response.clone();
        this.challenge = challenge.clone();
    }

    /** Whether {@code secret} (a candidate code, as ASCII) gives this response. Constant time. */
    boolean answeredWith(byte[] secret) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("MD5 is in every Java 17 runtime", e);
        }
        md5.update(identifier);
        md5.update(secret);
        md5.update(challenge);
        return MessageDigest.isEqual(md5.digest(), response);
    }

    @Override
    public String toString() {
        return "ChapResponse[" + challenge.length + "-octet challenge]";
    }
}
