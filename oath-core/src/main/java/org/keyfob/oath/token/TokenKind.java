package org.keyfob.oath.token;

/** The one-time-password algorithms a token can implement. */
public enum TokenKind {
    /** Event based, RFC 4226. */
    HOTP,
    /** Time based, RFC 6238. */
    TOTP,
    /** Challenge-response, RFC 6287. */
    OCRA,
    /** Yubico OTP: 44 modhex characters, AES-128 under the token's key. */
    YUBICO
}
