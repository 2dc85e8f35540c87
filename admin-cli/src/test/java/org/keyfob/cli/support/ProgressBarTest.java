package org.keyfob.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar: bytes read as percent, redrawn on a fake clock, erased at the end. */
class ProgressBarTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void drawsPercentOfBytesReadAndTokensAndErasesItself() throws Exception {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 1000, nanos::get, true);
        InputStream in = bar.counting(new ByteArrayInputStream(new byte[1000]));

        in.readNBytes(350);
        bar.tokenRead();
        nanos.addAndGet(ProgressBar.REDRAW_NANOS);
        bar.tokenRead();
        String drawn = text.toString();
        bar.finish();

        assertThat(drawn).isEqualTo("\r[##########....................]  35%  2 tokens");
        assertThat(text.toString()).endsWith("\r" + " ".repeat(drawn.length() - 1) + "\r");
    }

    @Test
    void redrawsAtMostOncePerInterval() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 1000, nanos::get, true);

        for (int i = 0; i < 1000; i++) {
            bar.tokenRead();
        }

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aBarThatIsOffWritesNothingAndLeavesTheStreamAlone() throws Exception {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 1000, nanos::get, false);
        InputStream in = new ByteArrayInputStream(new byte[10]);

        assertThat(bar.counting(in)).isSameAs(in);
        nanos.addAndGet(ProgressBar.REDRAW_NANOS * 10);
        bar.tokenRead();
        bar.finish();

        assertThat(text.toString()).isEmpty();
    }
}
