package org.keyfob.oath.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyAttributeTest {

    @Test
    void printsAsTheNameEqualsValueFormTheCliTakes() {
        assertThat(new ReplyAttribute("Filter-Id", "vpn staff")).hasToString("Filter-Id=vpn staff");
    }

    @Test
    void nameWithASpaceOrEqualsIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new ReplyAttribute("Filter Id", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reply attribute name \"Filter Id\" has a space, '=' or control character");
        assertThatThrownBy(() -> new ReplyAttribute("A=B", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyOrOverlongNameIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new ReplyAttribute("", "x"))
                .hasMessage("reply attribute name must be 1 to 64 characters, was 0");
        assertThatThrownBy(() -> new ReplyAttribute("N".repeat(65), "x"))
                .hasMessage("reply attribute name must be 1 to 64 characters, was 65");
    }

    @Test
    void overlongValueOrControlCharacterIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new ReplyAttribute("Class", "v".repeat(254)))
                .hasMessage("reply attribute Class: value must be at most 253 characters, was 254");
        assertThatThrownBy(() -> new ReplyAttribute("Class", "a\nb"))
                .hasMessage("reply attribute Class: value has a control character");
    }
}
