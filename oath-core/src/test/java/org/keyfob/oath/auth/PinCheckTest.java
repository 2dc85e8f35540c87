package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinCheckTest {
    private final PinHasher hasher = new PinHasher(1_000);
    private final PinCheck check = new PinCheck();

    @Test
    void aRememberedPinStillRefusesEveryOtherPin() {
        String hash = hasher.hash("4711");

        assertThat(check.matches("4711", hash)).isTrue();
        assertThat(check.matches("4711", hash)).describedAs("from memory").isTrue();
        assertThat(check.matches("4712", hash)).isFalse();
        assertThat(check.matches("", hash)).isFalse();
    }

    @Test
    void aNewHashForTheSameUserIsCheckedAfresh() {
        String old = hasher.hash("4711");
        check.matches("4711", old);
        String changed = hasher.hash("9999");

        assertThat(check.matches("4711", changed)).isFalse();
        assertThat(check.matches("9999", changed)).isTrue();
    }

    @Test
    void aWrongPinIsNeverRememberedAsRight() {
        String hash = hasher.hash("4711");

        assertThat(check.matches("0000", hash)).isFalse();
        assertThat(check.matches("0000", hash)).isFalse();
        assertThat(check.matches("4711", hash)).isTrue();
    }
}
