package org.keyfob.oath.provision;

import java.nio.charset.StandardCharsets;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * The {@code otpauth://} URI authenticator apps read from a QR code (Google Authenticator's "Key
 * Uri Format"): {@code otpauth://TYPE/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1
 * &digits=6&period=30} (or {@code &counter=N} for HOTP). The secret is Base32 without padding.
 *
 * <p>The result holds the seed in clear text: write it only where the enrolling admin reads it,
 * never to a log. Pure; thread-safe.
 */
public final class OtpAuthUri {
    private OtpAuthUri() {
    }

    /**
     * The URI for {@code token} (HOTP or TOTP), labelled {@code issuer:account}.
     *
     * @throws IllegalArgumentException if the token is neither HOTP nor TOTP
     */
    public static String of(Token token, String issuer, String account) {
        TokenKind kind = token.spec().kind();
        if (kind != TokenKind.HOTP && kind != TokenKind.TOTP) {
            throw new IllegalArgumentException("only HOTP and TOTP tokens have an otpauth URI, " + token.serial()
                    + " is " + kind);
        }
        StringBuilder uri = new StringBuilder("otpauth://").append(kind == TokenKind.TOTP ? "totp" : "hotp")
                .append('/').append(encode(issuer)).append(':').append(encode(account))
                .append("?secret=").append(Base32.encode(token.seed().revealBytes()).replace("=", ""))
                .append("&issuer=").append(encode(issuer))
                .append("&algorithm=").append(token.spec().algorithm().oathName())
                .append("&digits=").append(token.spec().digits());
        if (kind == TokenKind.TOTP) {
            uri.append("&period=").append(token.spec().step().getSeconds());
        } else {
            uri.append("&counter=").append(token.state().counter());
        }
        return uri.toString();
    }

    /**
     * Percent-encodes every UTF-8 byte outside RFC 3986's unreserved set (§2.3), so a space is
     * {@code %20} and a {@code :} in the issuer cannot be taken for the label's separator.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
