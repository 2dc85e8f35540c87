package org.keyfob.oath.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Duplicate serials are found with the place they were first seen, through every resize. */
class SerialIndexTest {

    @Test
    void secondUseOfASerialNamesTheFirstPlace() {
        SerialIndex index = new SerialIndex();

        assertThat(index.putIfAbsent("FOB-1", 3)).isEmpty();
        assertThat(index.putIfAbsent("FOB-2", 4)).isEmpty();
        assertThat(index.putIfAbsent("FOB-1", 9)).isEqualTo(OptionalInt.of(3));
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aQuarterMillionSerialsAreAllDistinctAndAllFoundAgain() {
        SerialIndex index = new SerialIndex();
        int count = 250_000;
        for (int i = 0; i < count; i++) {
            assertThat(index.putIfAbsent("S" + i, i)).describedAs("S%d", i).isEmpty();
        }
        for (int i = 0; i < count; i += 997) {
            assertThat(index.putIfAbsent("S" + i, -1)).isEqualTo(OptionalInt.of(i));
        }
        assertThat(index.size()).isEqualTo(count);
    }

    @Test
    void serialsDifferingOnlyInCaseOrOrderAreDistinct() {
        SerialIndex index = new SerialIndex();

        assertThat(index.putIfAbsent("ab", 1)).isEmpty();
        assertThat(index.putIfAbsent("AB", 2)).isEmpty();
        assertThat(index.putIfAbsent("ba", 3)).isEmpty();
        assertThat(index.putIfAbsent("", 4)).isEmpty();
    }
}
