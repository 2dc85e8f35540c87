package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The secret encodings, and the rule by which AUTO tells them apart (see {@link SecretEncoding}). */
class SecretDecoderTest {
    /** RFC 4226 Appendix D's secret, "12345678901234567890", in each encoding. */
    private static final byte[] RFC4226_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} is read as {1}")
    @DisplayName("AUTO reads a secret whose characters allow one encoding")
    @CsvSource({
        "3132333435363738393031323334353637383930, HEX",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, BASE32",
        "gezdgnbvgy3tqojqgezdgnbvgy3tqojq, BASE32",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====, BASE32",
        "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=, BASE64",
        "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA, BASE64",
    })
    void autoReadsUnambiguousSecrets(String text, SecretEncoding expected) {
        assertThat(SecretDecoder.guess(text)).isEqualTo(expected);
        assertThat(SecretDecoder.decode(text, SecretEncoding.AUTO)).isEqualTo(RFC4226_SEED);
    }

    @Test
    void autoReadsMixedCaseHexAsHexBecauseBase32IsWrittenInOneCase() {
        assertThat(SecretDecoder.guess("3a5F3a5f3a5f3a5f3a5f3a5f3a5f3a5f")).isEqualTo(SecretEncoding.HEX);
    }

    @Test
    void autoRefusesTextThatIsBothHexAndBase32() {
        assertThatThrownBy(() -> SecretDecoder.decode("3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f", SecretEncoding.AUTO))
                .hasMessage("could be hex or base32; set the secret encoding for this file (HEX or BASE32) to say which");
    }

    @Test
    void autoReportsOddLengthHexAsBadHexRatherThanReadingItAsBase64() {
        assertThatThrownBy(() -> SecretDecoder.decode("313233343536373839303132333435363738393", SecretEncoding.AUTO))
                .hasMessage("hex of 39 characters is not a whole number of bytes");
    }

    @Test
    void autoNamesThePositionOfACharacterNoEncodingAllows() {
        assertThatThrownBy(() -> SecretDecoder.decode("MTIz$DU2Nzg5", SecretEncoding.AUTO))
                .hasMessage("character 5 is not hex, base32 or base64");
    }

    @Test
    void hexNamesTheBadCharacterByPositionOnly() {
        assertThatThrownBy(() -> SecretDecoder.decode("31zz", SecretEncoding.HEX))
                .hasMessage("character 3 is not hex (0-9, a-f)");
        assertThatThrownBy(() -> SecretDecoder.decode("313", SecretEncoding.HEX))
                .hasMessage("hex of 3 characters is not a whole number of bytes");
    }

    @Test
    void base32UsesTheCodecsPositionalMessage() {
        assertThatThrownBy(() -> SecretDecoder.decode("GEZD1NBV", SecretEncoding.BASE32))
                .hasMessage("character 5 is not base32 (A-Z, 2-7)");
    }

    @Test
    void base64NamesTheBadCharacterOrTheImpossibleLength() {
        assertThatThrownBy(() -> SecretDecoder.decode("MTIz-NDU2", SecretEncoding.BASE64))
                .hasMessage("character 5 is not base64 (A-Z, a-z, 0-9, +, /)");
        assertThatThrownBy(() -> SecretDecoder.decode("MTIzN", SecretEncoding.BASE64))
                .hasMessage("base64 text of 5 characters cannot be a whole number of bytes");
    }

    @Test
    void explicitEncodingReadsTextAutoWouldCallAmbiguous() {
        String text = "3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f";
        assertThat(SecretDecoder.decode(text, SecretEncoding.HEX)).hasSize(16);
        assertThat(SecretDecoder.decode(text, SecretEncoding.BASE32)).hasSize(20);
    }
}
