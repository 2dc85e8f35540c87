package org.keyfob.oath.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeedTest {
    private static final byte[] BYTES = HexFormat.of().parseHex("3132333435363738393031323334353637383930");

    @Test
    void toStringShowsOnlyTheLength() {
        Seed seed = Seed.of(BYTES);

        assertThat(seed.toString()).isEqualTo("Seed[20 bytes]")
                .doesNotContain(HexFormat.of().formatHex(BYTES))
                .doesNotContain(Base64.getEncoder().encodeToString(BYTES));
    }

    @Test
    void recordsHoldingASeedDoNotPrintIt() {
        Token token = new Token(new Serial("T1"), TokenSpec.hotp(HashAlgorithm.SHA1, 6), Seed.of(BYTES),
                TokenStatus.VALID, TokenState.initial(0));

        assertThat(token.toString()).contains("Seed[20 bytes]").doesNotContain("3132333435");
    }

    @Test
    void copiesOnTheWayInAndOut() {
        byte[] input = BYTES.clone();
        Seed seed = Seed.of(input);
        input[0] = 0;
        byte[] out = seed.revealBytes();
        out[1] = 0;

        assertThat(seed.revealBytes()).isEqualTo(BYTES);
    }

    @Test
    void equalityIsIdentityAndComparisonIsExplicit() {
        Seed a = Seed.of(BYTES);
        Seed b = Seed.of(BYTES);

        assertThat(a).isNotEqualTo(b);
        assertThat(a.matches(b)).isTrue();
        assertThat(a.matches(Seed.of(new byte[] {1, 2, 3}))).isFalse();
    }

    @Test
    void destroyWipesTheBytes() {
        Seed seed = Seed.of(BYTES);
        seed.destroy();

        assertThat(seed.revealBytes()).containsOnly(0);
    }

    @Test
    void refusesAnEmptySeed() {
        assertThatThrownBy(() -> Seed.of(new byte[0])).hasMessage("a seed must not be empty");
    }
}
