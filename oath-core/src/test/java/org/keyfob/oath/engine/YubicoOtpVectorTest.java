package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.engine.YubicoDecode.Valid;

/** Published Yubico OTP vectors; sources are cited at the top of {@code yubico-otp.csv}. */
class YubicoOtpVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}")
    @DisplayName("Decodes published OTPs to the published fields")
    @CsvFileSource(resources = "/vectors/yubico-otp.csv", useHeadersInDisplayName = true)
    void decodesPublishedVector(String vector, String aesKey, String privateId, String otp,
            String publicId, int useCounter, boolean capsLock, int timestamp, int sessionCounter,
            int random) {
        var secret = YubicoOtp.secret(HEX.parseHex(aesKey), HEX.parseHex(privateId));

        assertThat(YubicoOtp.decode(otp, secret)).describedAs(vector)
                .isEqualTo(new Valid(new YubicoPayload(useCounter, capsLock, timestamp,
                        sessionCounter, random)));
        assertThat(YubicoOtp.publicId(otp)).isEqualTo(publicId);
        assertThat(YubicoOtp.looksLikeYubicoOtp(otp)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("The test encoder reproduces every published OTP from its fields")
    @CsvFileSource(resources = "/vectors/yubico-otp.csv", useHeadersInDisplayName = true)
    void testEncoderReproducesPublishedVector(String vector, String aesKey, String privateId,
            String otp, String publicId, int useCounter, boolean capsLock, int timestamp,
            int sessionCounter, int random) {
        var fields = new YubicoPayload(useCounter, capsLock, timestamp, sessionCounter, random);

        assertThat(YubicoOtpTestEncoder.encode(HEX.parseHex(aesKey), HEX.parseHex(privateId),
                publicId, fields)).describedAs(vector).isEqualTo(otp);
    }

    @Test
    @DisplayName("yubico-c test-vectors.txt: block layout and AES-128-ECB of the worked example")
    void testEncoderBuildsAndEncryptsThePublishedPlaintext() {
        byte[] plaintext = HEX.parseHex("8792ebfe26cc130030c20011c89f23c8");
        var fields = new YubicoPayload(19, false, 0xc230, 0x11, 0x9fc8);

        assertThat(YubicoOtpTestEncoder.block(HEX.parseHex("8792ebfe26cc"), fields))
                .containsExactly(plaintext);
        assertThat(YubicoOtpTestEncoder.encrypt(HEX.parseHex("ecde18dbe76fbd0c33330f1c354871db"),
                plaintext)).containsExactly(HEX.parseHex("69b6481c8baba2b60e8f22179b58cd56"));
    }

    @ParameterizedTest(name = "crc16({0}) = {1}")
    @DisplayName("yubico-c selftest.c CRC-1 to CRC-4")
    @CsvSource({"0001020304, 62919", "fe, 4470", "55aa00ff, 52149",
        "010203040506307500093dfa60ea, 35339"})
    void crcMatchesYubicoSelfTest(String hex, int expected) {
        assertThat(YubicoOtp.crc16(HEX.parseHex(hex))).isEqualTo(expected);
    }

    @Test
    @DisplayName("yubico-c test-vectors.txt: an intact block leaves the residual 0xf0b8")
    void crcOverIntactBlockIsTheResidual() {
        assertThat(YubicoOtp.crc16(HEX.parseHex("8792ebfe26cc130030c20011c89f23c8")))
                .isEqualTo(YubicoOtp.CRC_RESIDUAL).isEqualTo(0xf0b8);
        assertThat(YubicoOtp.crc16(HEX.parseHex("0792ebfe26cc130030c20011c89f23c8")))
                .describedAs("django-otp/yubiotp crc.py: first bit cleared")
                .isNotEqualTo(0xf0b8);
    }
}
