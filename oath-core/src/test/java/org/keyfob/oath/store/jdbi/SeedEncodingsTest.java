package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.store.jdbi.SeedEncodings.Needle;

/** The search {@link SeedsAtRestTest} relies on finds what it should, so a pass there means something. */
class SeedEncodingsTest {
    private final SeedEncodings encodings = new SeedEncodings().add("S1", StoreFixture.seedFor("S1"));

    @Test
    void findsEachEncodingOfTheSeedInsideOtherBytes() {
        assertThat(encodings.needles()).hasSize(8);
        for (Needle n : encodings.needles()) {
            ByteArrayOutputStream haystack = new ByteArrayOutputStream();
            haystack.writeBytes("row 17: seed=".getBytes(StandardCharsets.US_ASCII));
            haystack.writeBytes(n.bytes());
            haystack.writeBytes(new byte[] {0, 1, 2});

            assertThat(encodings.findIn(haystack.toByteArray(), "file")).describedAs(n.encoding())
                    .contains("S1: " + n.encoding() + " in file");
        }
    }

    @Test
    void findsRawSeedBytesThatWereTurnedIntoAString() {
        String text = "oops " + new String(StoreFixture.seedFor("S1").revealBytes(), StandardCharsets.ISO_8859_1);

        assertThat(encodings.findIn(text, "log")).contains("S1: raw bytes in log");
    }

    @Test
    void findsNothingInAnotherSeedsEncodings() {
        SeedEncodings other = new SeedEncodings().add("S2", StoreFixture.seedFor("S2"));
        for (Needle n : other.needles()) {
            assertThat(encodings.findIn(n.bytes(), n.encoding())).isEmpty();
        }
    }
}
