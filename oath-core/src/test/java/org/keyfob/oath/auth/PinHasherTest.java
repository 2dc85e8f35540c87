package org.keyfob.oath.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinHasherTest {
    private final PinHasher hasher = new PinHasher(1_000);

    @Test
    void aHashMatchesItsPinAndNoOther() {
        String hash = hasher.hash("4711");

        assertThat(PinHasher.matches("4711", hash)).isTrue();
        assertThat(PinHasher.matches("4712", hash)).isFalse();
        assertThat(PinHasher.matches("", hash)).isFalse();
    }

    @Test
    void theSamePinHashesDifferentlyEachTimeAndNeverInClear() {
        String a = hasher.hash("4711");
        String b = hasher.hash("4711");

        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$1000$").doesNotContain("4711");
    }

    @Test
    void anUnreadableHashIsANonMatchNotAnError() {
        assertThat(PinHasher.matches("4711", "")).isFalse();
        assertThat(PinHasher.matches("4711", "md5$abc")).isFalse();
        assertThat(PinHasher.matches("4711", "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(PinHasher.matches("4711", "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
        assertThat(PinHasher.matches("4711", "pbkdf2-sha256$1000$!!$AAAA")).isFalse();
    }

    @Test
    void refusesIterationCountsOutsideTheBounds() {
        assertThatThrownBy(() -> new PinHasher(10)).hasMessage("PIN hash iterations must be 1000..10000000, was 10");
    }
}
