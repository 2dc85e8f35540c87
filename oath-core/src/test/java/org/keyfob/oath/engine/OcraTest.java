package org.keyfob.oath.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** How Ocra builds its DataInput and checks inputs; the RFC vectors are in OcraVectorTest. */
class OcraTest {
    private static final Seed KEY20 = Seed.of("12345678901234567890".getBytes(US_ASCII));
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("RFC 6287 §6.3: T counts whole time steps since 1970; Appendix C's time gives 132d0b6")
    void timeStepCountsWholeStepsSinceTheEpoch() {
        Instant rfcTime = Instant.parse("2008-03-25T12:06:30Z");

        assertThat(Ocra.timeStep(OcraSuite.parse("OCRA-1:HOTP-SHA512-8:QN08-T1M"), rfcTime)).isEqualTo(0x132d0b6);
        assertThat(Ocra.timeStep(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-T30S"), Instant.ofEpochSecond(59)))
                .isEqualTo(1);
        assertThat(Ocra.timeStep(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-T24H"), Instant.ofEpochSecond(86_399)))
                .isZero();
    }

    @Test
    void timeStepOfASuiteWithoutTimeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ocra.timeStep(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08"), Instant.EPOCH))
                .withMessage("OCRA suite \"OCRA-1:HOTP-SHA1-6:QN08\" has no time step T, so it takes no time");
    }

    @Test
    @DisplayName("RFC 6287 §5.1: DataInput = suite || 00 || C || Q || P || S || T, with fixed lengths")
    void dataInputHasEveryElementAtItsFixedLength() {
        OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:C-QN08-PSHA256-S064-T1M");
        OcraInput input = OcraInput.ofQuestion("11111111").withCounter(0x0102).withTimeStep(0x0304)
                .withPassword(OcraPassword.hashing(HashAlgorithm.SHA256, "1234".getBytes(US_ASCII)))
                .withSessionInformation(new byte[] {0x0a, 0x0b});

        byte[] data = Ocra.dataInput(suite, input);

        int name = suite.toString().length();
        assertThat(data).hasSize(name + 1 + 8 + 128 + 32 + 64 + 8);
        assertThat(Arrays.copyOf(data, name)).isEqualTo(suite.toString().getBytes(US_ASCII));
        assertThat(data[name]).isZero();
        assertThat(HEX.formatHex(data, name + 1, name + 9)).isEqualTo("0000000000000102");
        assertThat(HEX.formatHex(data, name + 9, name + 13)).isEqualTo("a98ac700"); // 11111111 = 0xa98ac7
        assertThat(HEX.formatHex(data, data.length - 8 - 3, data.length - 8)).describedAs("S, right-aligned")
                .isEqualTo("000a0b");
        assertThat(HEX.formatHex(data, data.length - 8, data.length)).isEqualTo("0000000000000304");
    }

    @Test
    @DisplayName("RFC 6287 §5.1: numeric and hex questions are nibbles, left-aligned and zero-padded")
    void questionsAreLeftAlignedNibbles() {
        assertThat(question("OCRA-1:HOTP-SHA1-6:QN08", "1")).startsWith("1000");
        assertThat(question("OCRA-1:HOTP-SHA1-6:QN08", "00000255")).startsWith("ff00");
        assertThat(question("OCRA-1:HOTP-SHA1-6:QH08", "AbC")).startsWith("abc000");
        assertThat(question("OCRA-1:HOTP-SHA1-6:QA08", "Sig1")).startsWith("5369673100");
        assertThat(question("OCRA-1:HOTP-SHA1-6:QN08", "00000000")).isEqualTo("00".repeat(128));
    }

    @Test
    void refusesQuestionsOutsideTheSuitesFormatNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> question("OCRA-1:HOTP-SHA1-6:QN08", "1234a"))
                .withMessage("OCRA suite \"OCRA-1:HOTP-SHA1-6:QN08\": question \"1234a\" is not decimal digits only");
        assertThatIllegalArgumentException().isThrownBy(() -> question("OCRA-1:HOTP-SHA1-6:QN08", "-1234"))
                .withMessageContaining("is not decimal digits only");
        assertThatIllegalArgumentException().isThrownBy(() -> question("OCRA-1:HOTP-SHA1-6:QH08", "12g4"))
                .withMessageContaining("question \"12g4\" is not hex digits only");
        assertThatIllegalArgumentException().isThrownBy(() -> question("OCRA-1:HOTP-SHA1-6:QA08", "SIG-1"))
                .withMessageContaining("question \"SIG-1\" is not letters and digits only");
        assertThatIllegalArgumentException().isThrownBy(() -> question("OCRA-1:HOTP-SHA1-6:QA64", "A".repeat(129)))
                .withMessageContaining("takes more than the 128 bytes of Q");
    }

    @Test
    void refusesInputsTheSuiteDoesNotNameAndMissingOnesItDoes() {
        OcraSuite counterSuite = OcraSuite.parse("OCRA-1:HOTP-SHA512-8:C-QN08");
        OcraSuite plain = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ocra.generate(counterSuite, KEY20, OcraInput.ofQuestion("1234")))
                .withMessage("OCRA suite \"OCRA-1:HOTP-SHA512-8:C-QN08\" needs counter C, but the input has none");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ocra.generate(plain, KEY20, OcraInput.ofQuestion("1234").withTimeStep(1)))
                .withMessage("OCRA suite \"OCRA-1:HOTP-SHA1-6:QN08\" has no time step T, but the input has one");
    }

    @Test
    void refusesPasswordHashOrSessionInformationOfTheWrongLength() {
        OcraInput sha1Password = OcraInput.ofQuestion("1234")
                .withPassword(OcraPassword.hashing(HashAlgorithm.SHA1, "1234".getBytes(US_ASCII)));
        OcraSuite sha256Password = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-PSHA256");
        assertThatIllegalArgumentException().isThrownBy(() -> Ocra.generate(sha256Password, KEY20, sha1Password))
                .withMessageEndingWith("takes a 32-byte password hash, but the input's has 20 bytes");
        OcraInput longSession = OcraInput.ofQuestion("1234").withSessionInformation(new byte[65]);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ocra.generate(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-S064"), KEY20, longSession))
                .withMessageEndingWith("takes at most 64 bytes of session information, but the input has 65");
    }

    @Test
    @DisplayName("RFC 6287 §5.1: t = 10 gives ten digits; t = 0 gives the whole HMAC")
    void tenDigitsAreZeroPaddedAndZeroDigitsMeansTheWholeHmac() {
        OcraInput input = OcraInput.ofQuestion("12345678");
        OcraSuite ten = OcraSuite.parse("OCRA-1:HOTP-SHA1-10:QN08");
        OcraSuite none = OcraSuite.parse("OCRA-1:HOTP-SHA1-0:QN08");

        assertThat(Ocra.generate(ten, KEY20, input)).matches("\\d{10}")
                .satisfies(r -> assertThat(Long.parseLong(r)).isLessThan(1L << 31));
        assertThat(Ocra.generate(none, KEY20, input)).isEqualTo(
                HEX.formatHex(Hmac.keyed(HashAlgorithm.SHA1, KEY20).of(Ocra.dataInput(none, input))));
    }

    @Test
    void wrongLengthOrNonAsciiResponsesAreNonMatchesNotErrors() {
        OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");
        OcraInput input = OcraInput.ofQuestion("00000000");

        assertThat(Ocra.matches(suite, KEY20, input, "237653")).isTrue();
        assertThat(Ocra.matches(suite, KEY20, input, "")).isFalse();
        assertThat(Ocra.matches(suite, KEY20, input, "2376530")).isFalse();
        assertThat(Ocra.matches(suite, KEY20, input, "23765\u0663")).isFalse();
    }

    private static String question(String suite, String question) {
        OcraSuite parsed = OcraSuite.parse(suite);
        byte[] data = Ocra.dataInput(parsed, OcraInput.ofQuestion(question));
        int start = suite.length() + 1;
        return HEX.formatHex(data, start, start + 128);
    }
}
