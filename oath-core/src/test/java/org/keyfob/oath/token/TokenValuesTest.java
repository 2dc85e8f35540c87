package org.keyfob.oath.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenValuesTest {

    @Test
    void specNamesABadDigitCount() {
        assertThatThrownBy(() -> TokenSpec.hotp(HashAlgorithm.SHA1, 9))
                .hasMessage("digits must be 6, 7 or 8, was 9");
    }

    @Test
    void specNamesABadStep() {
        assertThatThrownBy(() -> TokenSpec.totp(HashAlgorithm.SHA1, 6, Duration.ofMillis(1500)))
                .hasMessageContaining("time step must be a whole number of seconds from 1 to 3600, was PT1.5S");
        assertThatThrownBy(() -> TokenSpec.totp(HashAlgorithm.SHA1, 6, Duration.ZERO))
                .hasMessageContaining("was PT0S");
    }

    @Test
    void ocraSpecNeedsASuiteAndOtherKindsMustNotHaveOne() {
        assertThatThrownBy(() -> new TokenSpec(TokenKind.OCRA, HashAlgorithm.SHA1, 6, TokenSpec.DEFAULT_STEP, 0))
                .hasMessageContaining("an OCRA token needs its suite");
        assertThatThrownBy(() -> TokenSpec.ocra(" ", HashAlgorithm.SHA1, 6))
                .hasMessageContaining("an OCRA token needs its suite");
        assertThatThrownBy(() -> new TokenSpec(TokenKind.HOTP, HashAlgorithm.SHA1, 6, TokenSpec.DEFAULT_STEP, 0,
                Optional.of("OCRA-1:HOTP-SHA1-6:QN08")))
                .hasMessage("only OCRA tokens have a suite; a HOTP token was given \"OCRA-1:HOTP-SHA1-6:QN08\"");
        assertThat(TokenSpec.ocra("OCRA-1:HOTP-SHA1-6:QN08", HashAlgorithm.SHA1, 6).ocraSuite())
                .contains("OCRA-1:HOTP-SHA1-6:QN08");
    }

    @Test
    void serialRefusesSpacesAndOverlongValues() {
        assertThatThrownBy(() -> new Serial("AB 12")).hasMessageContaining("position 3");
        assertThatThrownBy(() -> new Serial("x".repeat(129))).hasMessage("serial must be 1 to 128 characters, was 129");
        assertThat(new Serial("x".repeat(128)).value()).hasSize(128);
    }

    @Test
    void hashAlgorithmParsesTheSpellingsVendorsUse() {
        assertThat(HashAlgorithm.parse("sha-256")).isEqualTo(HashAlgorithm.SHA256);
        assertThat(HashAlgorithm.parse("HmacSHA512")).isEqualTo(HashAlgorithm.SHA512);
        assertThat(HashAlgorithm.parse("SHA1")).isEqualTo(HashAlgorithm.SHA1);
        assertThatThrownBy(() -> HashAlgorithm.parse("MD5"))
                .hasMessage("hash algorithm \"MD5\" is not one of [SHA1, SHA256, SHA512]");
    }

    @Test
    void statusKnowsWhichAreRevocations() {
        assertThat(TokenStatus.REVOKED_LOST.isRevoked()).isTrue();
        assertThat(TokenStatus.DISABLED.isRevoked()).isFalse();
        assertThat(TokenStatus.VALID.isRevoked()).isFalse();
    }
}
