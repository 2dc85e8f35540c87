package org.keyfob.oath.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.token.HashAlgorithm;

class OcraInputTest {

    @Test
    @DisplayName("RFC 6287 Appendix C: the P input for PIN 1234 under PSHA1 is 7110eda4…0220")
    void hashesThePinWithPlainSha() {
        OcraPassword password = OcraPassword.hashing(HashAlgorithm.SHA1, "1234".getBytes(US_ASCII));

        assertThat(HexFormat.of().formatHex(password.revealHash()))
                .isEqualTo("7110eda4d09e062aa5e4a390b0a572ac0d2c0220");
        assertThat(OcraPassword.hashing(HashAlgorithm.SHA256, new byte[0]).length()).isEqualTo(32);
        assertThat(OcraPassword.hashing(HashAlgorithm.SHA512, new byte[0]).length()).isEqualTo(64);
    }

    @Test
    void neverPrintsThePasswordHash() {
        OcraPassword password = OcraPassword.hashing(HashAlgorithm.SHA1, "1234".getBytes(US_ASCII));
        OcraInput input = OcraInput.ofQuestion("12345678").withPassword(password);

        assertThat(password).hasToString("OcraPassword[20 bytes]");
        assertThat(input.toString()).contains("OcraPassword[20 bytes]").doesNotContain("7110eda4")
                .doesNotContainIgnoringCase("cRDtpNCeBiql5KOQsKVyrA0sAiA");
    }

    @Test
    void comparesPasswordHashesInConstantTimeNotWithEquals() {
        OcraPassword a = OcraPassword.hashing(HashAlgorithm.SHA1, "1234".getBytes(US_ASCII));
        OcraPassword b = OcraPassword.ofHash(a.revealHash());

        assertThat(a.matches(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.matches(OcraPassword.hashing(HashAlgorithm.SHA256, "1234".getBytes(US_ASCII)))).isFalse();
    }

    @Test
    void buildsWithOnlyTheInputsGiven() {
        OcraInput input = OcraInput.ofQuestion("SIG1").withCounter(7).withTimeStep(9)
                .withSessionInformation(new byte[] {(byte) 0xAB});

        assertThat(input.question()).isEqualTo("SIG1");
        assertThat(input.counter()).hasValue(7);
        assertThat(input.timeStep()).hasValue(9);
        assertThat(input.sessionInformation()).hasValue("ab");
        assertThat(input.password()).isEmpty();
    }

    @Test
    void refusesValuesThatCannotBeInputsNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> OcraInput.ofQuestion(""))
                .withMessage("question must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> OcraInput.ofQuestion("1234").withCounter(-1))
                .withMessage("counter must not be negative, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> OcraInput.ofQuestion("1234").withTimeStep(-5))
                .withMessage("time step must not be negative, was -5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OcraInput("1234", OptionalLong.empty(), Optional.empty(), Optional.of("abc"),
                        OptionalLong.empty()))
                .withMessage("session information must be an even number of hex digits, was \"abc\"");
        assertThatIllegalArgumentException().isThrownBy(() -> OcraPassword.ofHash(new byte[0]))
                .withMessage("a password hash must not be empty");
    }
}
