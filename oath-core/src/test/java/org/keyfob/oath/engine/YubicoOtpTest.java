package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyfob.oath.codec.ModHex;
import org.keyfob.oath.engine.YubicoDecode.Invalid;
import org.keyfob.oath.engine.YubicoDecode.Reason;
import org.keyfob.oath.engine.YubicoDecode.Valid;
import org.keyfob.oath.token.Seed;

/** Rejections, shape checks and secret handling, around the yubico-c README example. */
class YubicoOtpTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_HEX = "ecde18dbe76fbd0c33330f1c354871db";
    private static final String PRIVATE_ID_HEX = "8792ebfe26cc";
    private static final String OTP = "dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh";
    private static final Seed SECRET = secret(KEY_HEX, PRIVATE_ID_HEX);
    private static final YubicoPayload FIELDS = new YubicoPayload(19, false, 49712, 17, 40904);

    @Test
    void acceptsTheReadmeExample() {
        assertThat(YubicoOtp.decode(OTP, SECRET)).isEqualTo(new Valid(FIELDS));
    }

    @Test
    void wrongKeyFailsTheChecksum() {
        Seed wrongKey = secret("fcde18dbe76fbd0c33330f1c354871db", PRIVATE_ID_HEX);

        assertThat(YubicoOtp.decode(OTP, wrongKey)).isEqualTo(new Invalid(Reason.BAD_CRC));
    }

    @Test
    void everySingleBitFlipInTheCiphertextFailsTheChecksum() {
        byte[] ciphertext = ModHex.decode(OTP.substring(8));
        for (int bit = 0; bit < 128; bit++) {
            byte[] flipped = ciphertext.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(YubicoOtp.decode("dteffuje" + ModHex.encode(flipped), SECRET))
                    .describedAs("bit %d flipped", bit)
                    .isEqualTo(new Invalid(Reason.BAD_CRC));
        }
    }

    @Test
    void rightKeyWithAnotherPrivateIdIsWrongPrivateId() {
        Seed otherToken = secret(KEY_HEX, "8792ebfe26cd");

        assertThat(YubicoOtp.decode(OTP, otherToken))
                .isEqualTo(new Invalid(Reason.WRONG_PRIVATE_ID));
    }

    @Test
    void publicIdIsNotCoveredByTheCipherSoCallersUseItOnlyForLookup() {
        assertThat(YubicoOtp.decode("cccccccccccc" + OTP.substring(8), SECRET))
                .isEqualTo(new Valid(FIELDS));
        assertThat(YubicoOtp.decode(OTP.substring(8), SECRET)).isEqualTo(new Valid(FIELDS));
    }

    @Test
    void upperCaseFromCapsLockDecodesLikeLowerCase() {
        assertThat(YubicoOtp.decode(OTP.toUpperCase(Locale.ROOT), SECRET))
                .isEqualTo(new Valid(FIELDS));
        assertThat(YubicoOtp.publicId("DTEFFUJE" + OTP.substring(8))).isEqualTo("dteffuje");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "hknhfjbrjnlnldnhcujvddbikngjrtg",                                     // 31
        "dhknhfjbrjnlnldnhcujvddbikngjrtgh",                                   // 33, odd
        "ccccccccccccccccccccccccccccccccchknhfjbrjnlnldnhcujvddbikngjrtgh",   // 65
        "cccccccccccccccccccccccccccccccccchknhfjbrjnlnldnhcujvddbikngjrtgh",  // 66
        "dteffujehknhfjbrjnlnldnhcujvddbikngjrtga",                            // 'a'
        "dteffujehknhfjbrjnlnldnhcujvddbikngjrt h",
        "123456hknhfjbrjnlnldnhcujvddbikngjrtgh",
        "dteffujehknhfjbrjnlnldnhcujvddbikngjrtg\u00e9",
    })
    void wrongLengthOrForeignCharacterIsMalformed(String otp) {
        assertThat(YubicoOtp.decode(otp, SECRET)).isEqualTo(new Invalid(Reason.MALFORMED));
        assertThat(YubicoOtp.looksLikeYubicoOtp(otp)).isFalse();
    }

    @Test
    void looksLikeYubicoOtpAcceptsThirtyTwoToSixtyFourModHexCharacters() {
        String ciphertext = OTP.substring(8);
        assertThat(YubicoOtp.looksLikeYubicoOtp(OTP)).isTrue();
        assertThat(YubicoOtp.looksLikeYubicoOtp("cccjgjgkhcbb" + ciphertext)).isTrue();
        assertThat(YubicoOtp.looksLikeYubicoOtp(ciphertext)).isTrue();
        assertThat(YubicoOtp.looksLikeYubicoOtp(ciphertext + ciphertext)).isTrue();
        assertThat(YubicoOtp.looksLikeYubicoOtp("123456")).isFalse();
        assertThat(YubicoOtp.looksLikeYubicoOtp("hunter2" + OTP)).isFalse();
    }

    @Test
    void publicIdIsEverythingBeforeTheLastThirtyTwoCharacters() {
        // First example OTP of Yubico's "OTPs Explained" page.
        assertThat(YubicoOtp.publicId("cccjgjgkhcbbirdrfdnlnghhfgrtnnlgedjlftrbdeut"))
                .isEqualTo("cccjgjgkhcbb");
        assertThat(YubicoOtp.publicId(OTP.substring(8))).isEmpty();
    }

    @Test
    void publicIdOfSomethingElseIsAnErrorThatDoesNotRepeatTheInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> YubicoOtp.publicId("hunter2hunter2"))
                .withMessageContaining("got 14 characters")
                .withMessageNotContaining("hunter2");
    }

    @Test
    void secretOfTheWrongLengthIsAnErrorThatDoesNotShowTheKey() {
        Seed aesKeyOnly = Seed.of(HEX.parseHex(KEY_HEX));

        assertThatIllegalArgumentException().isThrownBy(() -> YubicoOtp.decode(OTP, aesKeyOnly))
                .withMessageContaining("22 bytes")
                .withMessageContaining("this one is 16")
                .withMessageNotContaining(KEY_HEX);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> YubicoOtp.secret(HEX.parseHex(KEY_HEX), new byte[5]))
                .withMessageContaining("got 16 and 5 bytes")
                .withMessageNotContaining(KEY_HEX);
    }

    @Test
    void secretIsTheKeyFollowedByThePrivateIdAndSurvivesDecoding() {
        YubicoOtp.decode(OTP, SECRET);

        assertThat(SECRET.revealBytes()).containsExactly(HEX.parseHex(KEY_HEX + PRIVATE_ID_HEX));
    }

    @Test
    void nothingPrintedShowsTheKeyOrThePrivateId() {
        byte[] key = HEX.parseHex(KEY_HEX);
        byte[] privateId = HEX.parseHex(PRIVATE_ID_HEX);
        String printed = SECRET + " " + YubicoOtp.decode(OTP, SECRET) + " "
                + YubicoOtp.decode(OTP, secret(KEY_HEX, "000000000000")) + " "
                + YubicoOtp.decode(OTP, secret("00" + KEY_HEX.substring(2), PRIVATE_ID_HEX));

        assertThat(printed).contains("Seed[22 bytes]", "WRONG_PRIVATE_ID", "BAD_CRC");
        for (byte[] secret : new byte[][] {key, privateId}) {
            assertThat(printed).doesNotContainIgnoringCase(HEX.formatHex(secret))
                    .doesNotContain(ModHex.encode(secret))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret));
        }
    }

    private static Seed secret(String keyHex, String privateIdHex) {
        return YubicoOtp.secret(HEX.parseHex(keyHex), HEX.parseHex(privateIdHex));
    }
}
