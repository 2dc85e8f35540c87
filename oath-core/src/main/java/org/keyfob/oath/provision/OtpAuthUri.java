package org.keyfob.oath.provision;

import java.net.URLEncoder;
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

    /** Percent-encoding as RFC 3986 wants it: a space is {@code %20}, not {@code +}. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
