package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.keyfob.oath.token.Seed;

/** Every test vector of RFC 6287 Appendix C, plus RFC responses with one input changed. */
class OcraVectorTest {
    /** The "Standard" keys of RFC 6287 Appendix C, named as in the CSV file's header. */
    private static final Map<String, String> KEYS = Map.of(
            "K20", "3132333435363738393031323334353637383930",
            "K32", "3132333435363738393031323334353637383930313233343536373839303132",
            "K64", "3132333435363738393031323334353637383930313233343536373839303132"
                    + "3334353637383930313233343536373839303132333435363738393031323334");

    @DisplayName("RFC 6287 Appendix C: the RFC's response, and only it, matches its inputs")
    @ParameterizedTest(name = "{0}: {1} C={3} Q={4} T={6} -> {7} ({8})")
    @CsvFileSource(resources = "/vectors/rfc6287-appendix-c.csv")
    void respondsAsAppendixCSaysAndRejectsChangedInputs(String id, String suite, String key, Long counter,
            String question, String passwordHash, String timeStep, String response, String expect) {
        OcraSuite parsed = OcraSuite.parse(suite);
        Seed seed = Seed.of(HexFormat.of().parseHex(KEYS.get(key)));
        OcraInput input = OcraInput.ofQuestion(question);
        if (counter != null) {
            input = input.withCounter(counter);
        }
        if (passwordHash != null) {
            input = input.withPassword(OcraPassword.ofHash(HexFormat.of().parseHex(passwordHash)));
        }
        if (timeStep != null) {
            input = input.withTimeStep(Long.parseLong(timeStep, 16));
        }

        boolean matches = Ocra.matches(parsed, seed, input, response);

        if (expect.equals("match")) {
            assertThat(Ocra.generate(parsed, seed, input)).describedAs(id).isEqualTo(response);
            assertThat(matches).describedAs(id).isTrue();
        } else {
            assertThat(expect).describedAs(id + ": expect column").isEqualTo("mismatch");
            assertThat(Ocra.generate(parsed, seed, input)).describedAs(id).isNotEqualTo(response);
            assertThat(matches).describedAs(id).isFalse();
        }
    }
}
