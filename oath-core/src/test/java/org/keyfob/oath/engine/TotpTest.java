package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

class TotpTest {
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @DisplayName("RFC 6238 Appendix B")
    @ParameterizedTest(name = "{2} at {0}")
    @CsvFileSource(resources = "/vectors/rfc6238-appendix-b.csv", numLinesToSkip = 1)
    void matchesAppendixB(long time, String stepHex, String algorithm, String seedHex, String code) {
        Seed seed = Seed.of(HexFormat.of().parseHex(seedHex));
        Instant now = Instant.ofEpochSecond(time);

        assertThat(Totp.step(now, THIRTY_SECONDS, 0)).isEqualTo(Long.parseLong(stepHex, 16));
        assertThat(Totp.generate(HashAlgorithm.parse(algorithm), seed, now, THIRTY_SECONDS, 0, 8))
                .isEqualTo(code);
    }

    @DisplayName("RFC 6238 Appendix B, negative: one step later gives another code")
    @ParameterizedTest(name = "{2} at {0}")
    @CsvFileSource(resources = "/vectors/rfc6238-appendix-b.csv", numLinesToSkip = 1)
    void codeChangesWithTheStep(long time, String stepHex, String algorithm, String seedHex, String code) {
        Seed seed = Seed.of(HexFormat.of().parseHex(seedHex));
        Instant nextStep = Instant.ofEpochSecond(time + 30);

        assertThat(Totp.generate(HashAlgorithm.parse(algorithm), seed, nextStep, THIRTY_SECONDS, 0, 8))
                .isNotEqualTo(code);
    }

    @Test
    @DisplayName("RFC 6238 §4.2: T counts whole steps since T0")
    void stepCountsFromT0() {
        Instant now = Instant.ofEpochSecond(1_000);
        assertThat(Totp.step(now, THIRTY_SECONDS, 0)).isEqualTo(33);
        assertThat(Totp.step(now, THIRTY_SECONDS, 100)).isEqualTo(30);
        assertThat(Totp.step(now, Duration.ofSeconds(60), 0)).isEqualTo(16);
    }

    @Test
    void stepBeforeT0IsNegative() {
        assertThat(Totp.step(Instant.ofEpochSecond(10), THIRTY_SECONDS, 100)).isEqualTo(-3);
    }
}
