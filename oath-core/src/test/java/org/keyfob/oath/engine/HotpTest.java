package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

class HotpTest {
    private static final Seed RFC_SEED = Seed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @DisplayName("RFC 4226 Appendix D")
    @ParameterizedTest(name = "counter {0}: HMAC, truncation and code")
    @CsvFileSource(resources = "/vectors/rfc4226-appendix-d.csv", numLinesToSkip = 1)
    void matchesAppendixD(long counter, String hmac, int truncated, String code) {
        byte[] mac = Hmac.keyed(HashAlgorithm.SHA1, RFC_SEED).ofCounter(counter);

        assertThat(HexFormat.of().formatHex(mac)).isEqualTo(hmac);
        assertThat(Hotp.truncate(mac)).isEqualTo(truncated);
        assertThat(Hotp.generate(HashAlgorithm.SHA1, RFC_SEED, counter, 6)).isEqualTo(code);
    }

    @DisplayName("RFC 4226 Appendix D, negative: the code of counter c is not the code of c+1")
    @ParameterizedTest(name = "counter {0}")
    @CsvFileSource(resources = "/vectors/rfc4226-appendix-d.csv", numLinesToSkip = 1)
    void codeDependsOnCounter(long counter, String hmac, int truncated, String code) {
        assertThat(Hotp.generate(HashAlgorithm.SHA1, RFC_SEED, counter + 1, 6)).isNotEqualTo(code);
    }

    @Test
    @DisplayName("RFC 4226 §5.3: 7 and 8 digit codes are the low digits of the same 31-bit value")
    void longerCodesKeepLowDigits() {
        assertThat(Hotp.generate(HashAlgorithm.SHA1, RFC_SEED, 0, 8)).isEqualTo("84755224");
        assertThat(Hotp.generate(HashAlgorithm.SHA1, RFC_SEED, 0, 7)).isEqualTo("4755224");
    }

    @Test
    void formatPadsWithLeadingZeros() {
        assertThat(Hotp.format(82162583, 6)).isEqualTo("162583");
        assertThat(Hotp.format(7, 6)).isEqualTo("000007");
    }

    @Test
    void formatRefusesDigitCountsOutsideOneToNine() {
        assertThatThrownBy(() -> Hotp.format(1, 10)).hasMessage("digits must be between 1 and 9, was 10");
    }
}
