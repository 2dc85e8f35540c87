package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.auth.PasswordSplitter.Split;

class PasswordSplitterTest {

    @Test
    void pinFirstTakesTheCodeFromTheEnd() {
        assertThat(PasswordSplitter.split("s3cret287082", PasswordMode.PIN_OTP, 6)).contains(new Split("s3cret", "287082"));
        assertThat(PasswordSplitter.split("287082", PasswordMode.PIN_OTP, 6)).contains(new Split("", "287082"));
        assertThat(PasswordSplitter.split("12345", PasswordMode.PIN_OTP, 6)).isEmpty();
    }

    @Test
    void codeFirstTakesTheCodeFromTheStart() {
        assertThat(PasswordSplitter.split("28708212345678", PasswordMode.OTP_PIN, 8))
                .contains(new Split("345678", "28708212"));
    }

    @Test
    void otpModeIsAllCodeAndChallengeModeAllPin() {
        assertThat(PasswordSplitter.split("287082", PasswordMode.OTP, 6)).contains(new Split("", "287082"));
        assertThat(PasswordSplitter.split("1234", PasswordMode.CHALLENGE, 6)).contains(new Split("1234", ""));
    }

    @Test
    void recognisesAYubicoOtpAfterAPin() {
        String otp = "vvccccbhjecidbgcnrhhchucnbnvfrflgcnjhcgujnrt";

        assertThat(PasswordSplitter.splitYubico("pin" + otp)).contains(new Split("pin", otp));
        assertThat(PasswordSplitter.splitYubico(otp)).contains(new Split("", otp));
        assertThat(PasswordSplitter.splitYubico("s3cret287082")).isEmpty();
    }

    @Test
    void toStringShowsNeitherPart() {
        assertThat(new Split("s3cret", "287082").toString()).doesNotContain("s3cret").doesNotContain("287082");
    }

    @Test
    @DisplayName("property: splitting pin+code and code+pin gives back the parts joined")
    void splitRoundTrips() {
        Random random = new Random(2865);
        for (int i = 0; i < 1_000; i++) {
            String pin = Integer.toString(random.nextInt(1_000_000));
            int digits = 6 + random.nextInt(3);
            String code = String.format("%0" + digits + "d", random.nextInt(100_000_000) % (int) Math.pow(10, digits));

            assertThat(PasswordSplitter.split(pin + code, PasswordMode.PIN_OTP, digits)).contains(new Split(pin, code));
            assertThat(PasswordSplitter.split(code + pin, PasswordMode.OTP_PIN, digits)).contains(new Split(pin, code));
        }
    }

    @Test
    void modeNamesAreTheConfigurationNames() {
        assertThat(PasswordMode.parse("otp+pin")).isEqualTo(PasswordMode.OTP_PIN);
        assertThatThrownBy(() -> PasswordMode.parse("pin-otp"))
                .hasMessage("password mode \"pin-otp\" is not one of pin+otp, otp+pin, otp, challenge");
    }
}
