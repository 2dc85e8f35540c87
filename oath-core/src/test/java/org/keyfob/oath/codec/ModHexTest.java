package org.keyfob.oath.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModHexTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0} <-> {1}")
    @DisplayName("Known pairs from Yubico/yubico-c (README, test-vectors.txt) and django-otp/yubiotp")
    @CsvSource({
        "0123456789abcdef,                 cbdefghijklnrtuv",
        "2d344e83,                         dteffuje",
        "69b6481c8baba2b60e8f22179b58cd56, hknhfjbrjnlnldnhcujvddbikngjrtgh",
        "ecde18dbe76fbd0c33330f1c354871db, urtubjtnuihvntcreeeecvbregfjibtn",
        "b565716f,                         nghgibhv",
        "8792ebfe26cc,                     jikdunvudhrr",
    })
    void encodesAndDecodesPublishedPairs(String hex, String modhex) {
        assertThat(ModHex.encode(HEX.parseHex(hex))).isEqualTo(modhex);
        assertThat(ModHex.decode(modhex)).containsExactly(HEX.parseHex(hex));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @DisplayName("Known ASCII pairs from yubico-c selftest.c and yubiotp modhex.py")
    @CsvSource({"test, ifhgieif", "abcdefghijklmnop, hbhdhehfhghhhihjhkhlhnhrhthuhvic"})
    void encodesAsciiTextAsPublished(String text, String modhex) {
        assertThat(ModHex.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(modhex);
    }

    @Test
    void roundTripsRandomByteArraysOfEveryLengthUpToSixtyFour() {
        Random random = new Random(0x5eed_0f_4e1L);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(65)];
            random.nextBytes(bytes);

            String encoded = ModHex.encode(bytes);

            assertThat(encoded).describedAs("encoding of %s", HEX.formatHex(bytes))
                    .hasSize(2 * bytes.length)
                    .matches("[cbdefghijklnrtuv]*");
            assertThat(ModHex.isModHex(encoded)).isTrue();
            assertThat(ModHex.decode(encoded)).containsExactly(bytes);
        }
    }

    @Test
    void roundTripsRandomModHexStrings() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 2 * random.nextInt(33); n > 0; n--) {
                s.append(ModHex.ALPHABET.charAt(random.nextInt(16)));
            }
            assertThat(ModHex.encode(ModHex.decode(s.toString()))).isEqualTo(s.toString());
        }
    }

    @Test
    void emptyStringIsNoBytes() {
        assertThat(ModHex.decode("")).isEmpty();
        assertThat(ModHex.encode(new byte[0])).isEmpty();
    }

    @Test
    void decodeRejectsOddLengthNamingTheLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModHex.decode("cbd"))
                .withMessageContaining("odd")
                .withMessageContaining("(3)");
        assertThat(ModHex.isModHex("cbd")).isFalse();
    }

    @Test
    void decodeRejectsForeignCharacterNamingItAndItsPositionFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModHex.decode("cbdefa"))
                .withMessage("modhex character 'a' at position 6 is not one of cbdefghijklnrtuv");
    }

    @ParameterizedTest
    @DisplayName("Hex digits, upper case, space, control and non-ASCII characters are foreign")
    @ValueSource(strings = {"c0", "cC", "c ", "c\n", "cé", "c\u0130"})
    void decodeRejectsEveryCharacterOutsideTheAlphabet(String s) {
        assertThatIllegalArgumentException().isThrownBy(() -> ModHex.decode(s))
                .withMessageContaining("at position 2");
        assertThat(ModHex.isModHex(s)).isFalse();
    }

    @Test
    void nonPrintableCharacterIsNamedByCodePoint() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModHex.decode("\tc"))
                .withMessageContaining("U+0009 at position 1");
    }
}
