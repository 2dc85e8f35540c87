package org.keyfob.oath.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    @DisplayName("RFC 4648 §10 test vectors")
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(value = {"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB",
        "foobar,MZXW6YTBOI"})
    void encodesAndDecodesTheRfcVectors(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void acceptsPaddingLowerCaseAndTheGroupingVendorsPrint() {
        byte[] expected = "foobar".getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo(expected);
        assertThat(Base32.decode("mzxw 6ytb-oi")).isEqualTo(expected);
    }

    @Test
    void namesThePositionOfABadCharacterWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> Base32.decode("MZXW1YTB"))
                .hasMessage("character 5 is not base32 (A-Z, 2-7)");
    }

    @Test
    void refusesALengthThatIsNotWholeBytes() {
        assertThatThrownBy(() -> Base32.decode("MZX"))
                .hasMessage("base32 text of 3 characters cannot be a whole number of bytes");
    }

    @Test
    @DisplayName("property: decode(encode(x)) == x for random byte strings")
    void roundTrips() {
        Random random = new Random(4648);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[random.nextInt(70)];
            random.nextBytes(data);

            assertThat(Base32.decode(Base32.encode(data))).describedAs("round %d", i).isEqualTo(data);
        }
    }
}
