package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.engine.OcraSuite.QuestionFormat;
import org.keyfob.oath.token.HashAlgorithm;

class OcraSuiteTest {

    @DisplayName("RFC 6287 §6: a suite names the HMAC, the digits and each DataInput element")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            OCRA-1:HOTP-SHA1-6:QN08                        | SHA1   | 6  | false | NUMERIC      | 8  | -      | -   | -
            OCRA-1:HOTP-SHA512-8:C-QN08-PSHA1              | SHA512 | 8  | true  | NUMERIC      | 8  | SHA1   | -   | -
            OCRA-1:HOTP-SHA256-8:QA08-T1M                  | SHA256 | 8  | false | ALPHANUMERIC | 8  | -      | -   | 60
            OCRA-1:HOTP-SHA256-8:QA08-S064                 | SHA256 | 8  | false | ALPHANUMERIC | 8  | -      | 64  | -
            OCRA-1:HOTP-SHA1-4:QH40-T30S                   | SHA1   | 4  | false | HEXADECIMAL  | 40 | -      | -   | 30
            OCRA-1:HOTP-SHA512-8:QA10-T1M                  | SHA512 | 8  | false | ALPHANUMERIC | 10 | -      | -   | 60
            OCRA-1:HOTP-SHA256-10:C-QA64-PSHA512-S512-T48H | SHA256 | 10 | true  | ALPHANUMERIC | 64 | SHA512 | 512 | 172800
            OCRA-1:HOTP-SHA1-0:QN04-PSHA256-S001-T59M      | SHA1   | 0  | false | NUMERIC      | 4  | SHA256 | 1   | 3540
            OCRA-1:HOTP-SHA256-7:C-QH16-S128-T1S           | SHA256 | 7  | true  | HEXADECIMAL  | 16 | -      | 128 | 1
            OCRA-1:HOTP-SHA512-9:C-QN12-T1H                | SHA512 | 9  | true  | NUMERIC      | 12 | -      | -   | 3600
            """)
    void parsesEveryComponentAndPrintsTheSameSuite(String suite, HashAlgorithm algorithm, int digits,
            boolean counter, QuestionFormat format, int questionLength, HashAlgorithm passwordHash,
            Integer sessionLength, Long timeStepSeconds) {
        OcraSuite parsed = OcraSuite.parse(suite);

        assertThat(parsed).isEqualTo(new OcraSuite(algorithm, digits, counter, format, questionLength,
                Optional.ofNullable(passwordHash),
                sessionLength == null ? OptionalInt.empty() : OptionalInt.of(sessionLength),
                Optional.ofNullable(timeStepSeconds).map(Duration::ofSeconds)));
        assertThat(parsed.toString()).isEqualTo(suite);
    }

    @Test
    @DisplayName("RFC 6287 §6: a bad crypto function is named in the message")
    void namesTheCryptoFunctionThatIsNotHotpWithAKnownHash() {
        assertThatIllegalArgumentException().isThrownBy(() -> OcraSuite.parse("OCRA-1:HOTP-MD5-6:QN08"))
                .withMessage("OCRA suite \"OCRA-1:HOTP-MD5-6:QN08\": crypto function \"HOTP-MD5-6\" "
                        + "is not HOTP-SHA1/SHA256/SHA512-<digits>");
    }

    @DisplayName("RFC 6287 §6: a bad suite is refused, naming the suite and the bad part")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OCRA-1:HOTP-SHA1-6                       | expected Algorithm:CryptoFunction:DataInput
            OCRA-1:HOTP-SHA1-6:QN08:C                | expected Algorithm:CryptoFunction:DataInput
            OCRA-2:HOTP-SHA1-6:QN08                  | algorithm "OCRA-2" is not OCRA-1
            ocra-1:hotp-sha1-6:qn08                  | algorithm "ocra-1" is not OCRA-1
            OCRA-1:TOTP-SHA1-6:QN08                  | crypto function "TOTP-SHA1-6" is not HOTP-SHA1/SHA256/SHA512-<digits>
            OCRA-1:HOTP-SHA1:QN08                    | crypto function "HOTP-SHA1" is not HOTP-SHA1/SHA256/SHA512-<digits>
            OCRA-1:HOTP-SHA1-3:QN08                  | crypto function "HOTP-SHA1-3": digits "3" is not 0 (no truncation) or 4..10
            OCRA-1:HOTP-SHA1-11:QN08                 | digits "11" is not 0 (no truncation) or 4..10
            OCRA-1:HOTP-SHA1-06:QN08                 | digits "06" is not 0 (no truncation) or 4..10
            OCRA-1:HOTP-SHA1-6:QN8                   | question "QN8" is not Q, then A, N or H, then a length 04..64
            OCRA-1:HOTP-SHA1-6:QX08                  | question "QX08" is not Q, then A, N or H, then a length 04..64
            OCRA-1:HOTP-SHA1-6:qn08                  | data input element "qn08" is not one of C, QFxx, PH, Snnn, TG
            OCRA-1:HOTP-SHA1-6:QN03                  | question "QN03": length 03 is not 04..64
            OCRA-1:HOTP-SHA1-6:QA65                  | question "QA65": length 65 is not 04..64
            OCRA-1:HOTP-SHA1-6:QN08-PMD5             | password hash "PMD5" is not PSHA1, PSHA256 or PSHA512
            OCRA-1:HOTP-SHA1-6:QN08-P                | password hash "P" is not PSHA1, PSHA256 or PSHA512
            OCRA-1:HOTP-SHA1-6:QN08-S64              | session information "S64" is not S and a three-digit length
            OCRA-1:HOTP-SHA1-6:QN08-S000             | session information "S000": length must be 001..999
            OCRA-1:HOTP-SHA1-6:QN08-T60S             | time step "T60S": 60S is over the maximum 59S
            OCRA-1:HOTP-SHA1-6:QN08-T60M             | time step "T60M": 60M is over the maximum 59M
            OCRA-1:HOTP-SHA1-6:QN08-T49H             | time step "T49H": 49H is over the maximum 48H
            OCRA-1:HOTP-SHA1-6:QN08-T0H              | time step "T0H" is not T, then 1-59S, 1-59M or 1-48H
            OCRA-1:HOTP-SHA1-6:QN08-T01M             | time step "T01M" is not T, then 1-59S, 1-59M or 1-48H
            OCRA-1:HOTP-SHA1-6:QN08-T1D              | time step "T1D" is not T, then 1-59S, 1-59M or 1-48H
            OCRA-1:HOTP-SHA1-6:QN08-T                | time step "T" is not T, then 1-59S, 1-59M or 1-48H
            OCRA-1:HOTP-SHA1-6:QN08-C                | data input "QN08-C": "C" is repeated or out of order
            OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1        | data input "QN08-T1M-PSHA1": "PSHA1" is repeated or out of order
            OCRA-1:HOTP-SHA1-6:QN08-QA08             | "QA08" is repeated or out of order
            OCRA-1:HOTP-SHA1-6:C                     | data input "C" has no challenge question QFxx
            OCRA-1:HOTP-SHA1-6:                      | data input element "" is not one of C, QFxx, PH, Snnn, TG
            OCRA-1:HOTP-SHA1-6:QN08-                 | data input element "" is not one of C, QFxx, PH, Snnn, TG
            OCRA-1:HOTP-SHA1-6:QN08-X1               | data input element "X1" is not one of C, QFxx, PH, Snnn, TG
            """)
    void refusesBadSuiteNamingTheBadPart(String suite, String problem) {
        assertThatIllegalArgumentException().isThrownBy(() -> OcraSuite.parse(suite))
                .withMessageStartingWith("OCRA suite \"" + suite + "\": ")
                .withMessageContaining(problem);
    }

    @Test
    void refusesOutOfRangeComponentsWhenBuiltDirectlyNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> suite(3, 8, Duration.ofMinutes(1)))
                .withMessage("digits must be 0 or 4..10, was 3");
        assertThatIllegalArgumentException().isThrownBy(() -> suite(6, 65, Duration.ofMinutes(1)))
                .withMessage("question length must be 4..64, was 65");
        assertThatIllegalArgumentException().isThrownBy(() -> suite(6, 8, Duration.ofSeconds(90)))
                .withMessage("time step must be 1-59 seconds, 1-59 minutes or 1-48 hours, was PT1M30S");
        assertThatIllegalArgumentException().isThrownBy(() -> suite(6, 8, Duration.ofMillis(1500)))
                .withMessageContaining("was PT1.5S");
    }

    @Test
    @DisplayName("RFC 6287 §6.3: a time step is written in seconds, minutes or hours, whichever is whole")
    void printsTimeStepsInTheLargestWholeUnit() {
        assertThat(suite(6, 8, Duration.ofSeconds(59))).hasToString("OCRA-1:HOTP-SHA1-6:QN08-T59S");
        assertThat(suite(6, 8, Duration.ofSeconds(60))).hasToString("OCRA-1:HOTP-SHA1-6:QN08-T1M");
        assertThat(suite(6, 8, Duration.ofMinutes(120))).hasToString("OCRA-1:HOTP-SHA1-6:QN08-T2H");
        assertThatIllegalArgumentException().isThrownBy(() -> suite(6, 8, Duration.ofMinutes(90)))
                .withMessageContaining("was PT1H30M");
    }

    private static OcraSuite suite(int digits, int questionLength, Duration timeStep) {
        return new OcraSuite(HashAlgorithm.SHA1, digits, false, QuestionFormat.NUMERIC, questionLength,
                Optional.empty(), OptionalInt.empty(), Optional.of(timeStep));
    }
}
