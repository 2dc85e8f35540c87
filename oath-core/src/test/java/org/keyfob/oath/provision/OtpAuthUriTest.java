package org.keyfob.oath.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** The Key Uri Format that authenticator apps read. */
class OtpAuthUriTest {
    private static final Seed SEED = Seed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    private static Token token(TokenSpec spec, long counter) {
        return new Token(new Serial("SW-1"), spec, SEED, TokenStatus.VALID, TokenState.initial(counter));
    }

    @Test
    @DisplayName("TOTP: secret in Base32 without padding, issuer as prefix and parameter, period")
    void totpUriHasEveryParameter() {
        assertThat(OtpAuthUri.of(token(TokenSpec.totp(HashAlgorithm.SHA256, 8, Duration.ofSeconds(60)), 0), "ACME", "bob"))
                .isEqualTo("otpauth://totp/ACME:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME"
                        + "&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void hotpUriCarriesTheCounter() {
        assertThat(OtpAuthUri.of(token(TokenSpec.hotp(HashAlgorithm.SHA1, 6), 42), "ACME", "bob"))
                .endsWith("&algorithm=SHA1&digits=6&counter=42").startsWith("otpauth://hotp/ACME:bob?");
    }

    @Test
    void labelAndIssuerArePercentEncoded() {
        assertThat(OtpAuthUri.of(token(TokenSpec.hotp(HashAlgorithm.SHA1, 6), 0), "Big Co: VPN", "ana@example.org"))
                .startsWith("otpauth://hotp/Big%20Co%3A%20VPN:ana%40example.org?")
                .contains("&issuer=Big%20Co%3A%20VPN&");
        assertThat(OtpAuthUri.encode("Zoë~x")).isEqualTo("Zo%C3%AB~x");
    }

    @Test
    void ocraTokensHaveNoUri() {
        Token ocra = token(TokenSpec.ocra("OCRA-1:HOTP-SHA1-6:QN08", HashAlgorithm.SHA1, 6), 0);
        assertThatThrownBy(() -> OtpAuthUri.of(ocra, "ACME", "bob"))
                .hasMessage("only HOTP and TOTP tokens have an otpauth URI, SW-1 is OCRA");
    }
}
