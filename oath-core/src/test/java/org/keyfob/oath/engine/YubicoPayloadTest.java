package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.engine.YubicoDecode.Valid;

class YubicoPayloadTest {

    @Test
    @DisplayName("monotonicCounter = useCounter * 256 + sessionCounter (yubico-c README: 19, 17)")
    void monotonicCounterPutsTheUsageCounterAboveTheSessionCounter() {
        assertThat(new YubicoPayload(19, false, 49712, 17, 40904).monotonicCounter())
                .isEqualTo(19 * 256 + 17);
        assertThat(new YubicoPayload(0x7fff, false, 0, 0xff, 0).monotonicCounter())
                .isEqualTo(0x7f_ffffL);
    }

    @Test
    @DisplayName("OTPs Explained: a session counter wrapping from 0xff to 0 raises the usage counter")
    void monotonicCounterRisesWhenTheSessionCounterWraps() {
        long last = new YubicoPayload(5, false, 0, 0xff, 0).monotonicCounter();
        long next = new YubicoPayload(6, false, 0, 0x00, 0).monotonicCounter();

        assertThat(next).isGreaterThan(last);
    }

    @Test
    void capsLockBitLeavesTheCounterAlone() {
        assertThat(new YubicoPayload(19, true, 0, 17, 0).monotonicCounter())
                .isEqualTo(new YubicoPayload(19, false, 0, 17, 0).monotonicCounter());
    }

    @Test
    @DisplayName("A simulated key's OTPs, over power-ups and session wraps, decode in strictly rising order")
    void everyOtpOfASimulatedKeyDecodesAboveTheOneBefore() {
        Random random = new Random(7);
        byte[] key = new byte[16];
        byte[] privateId = new byte[6];
        random.nextBytes(key);
        random.nextBytes(privateId);
        var secret = YubicoOtp.secret(key, privateId);
        int useCounter = 1;
        long last = -1;
        for (int powerUp = 0; powerUp < 20; powerUp++) {
            int session = 0;
            int timestamp = random.nextInt(0x10000);
            for (int press = random.nextInt(600); press >= 0; press--) {
                var fields = new YubicoPayload(useCounter, random.nextBoolean(), timestamp,
                        session, random.nextInt(0x10000));
                var decoded = YubicoOtp.decode(
                        YubicoOtpTestEncoder.encode(key, privateId, "vvccccfhcbeb", fields), secret);

                assertThat(decoded).isEqualTo(new Valid(fields));
                assertThat(fields.monotonicCounter()).isGreaterThan(last);
                last = fields.monotonicCounter();
                timestamp = (timestamp + 1 + random.nextInt(80)) & 0xff_ffff;
                if (++session > 0xff) {
                    session = 0;
                    useCounter++;
                }
            }
            useCounter++;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'useCounter must be between 0 and 32767, was 32768', 32768, 0, 0, 0",
        "'useCounter must be between 0 and 32767, was -1',    -1,    0, 0, 0",
        "'timestamp must be between 0 and 16777215, was 16777216', 0, 16777216, 0, 0",
        "'sessionCounter must be between 0 and 255, was 256', 0, 0, 256, 0",
        "'random must be between 0 and 65535, was 65536',     0, 0, 0, 65536",
    })
    void rejectsFieldsOutsideTheirWidthNamingFieldAndValue(String message, int useCounter,
            int timestamp, int sessionCounter, int random) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new YubicoPayload(useCounter, false, timestamp, sessionCounter,
                        random))
                .withMessage(message);
    }
}
