package org.keyfob.cli.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long imports, drawn on standard error only when it is a terminal,
 * so scripts and logs never see it: {@code [#######.............]  35%  350000 tokens}. Progress
 * is bytes read of the file, counted by {@link #counting}; the line is redrawn with a carriage
 * return at most every {@link #REDRAW_NANOS} and erased by {@link #finish()}. Not thread-safe.
 */
public final class ProgressBar {
    static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long totalBytes;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    private long bytes;
    private long tokens;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, long totalBytes, LongSupplier nanoTime, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        this.totalBytes = Math.max(1, totalBytes);
        this.nanoTime = nanoTime;
        this.lastDraw = nanoTime.getAsLong();
    }

    /** A bar on {@code err} if standard error is a terminal, else one that draws nothing. */
    public static ProgressBar onStandardError(PrintWriter err, long totalBytes) {
        return new ProgressBar(err, totalBytes, System::nanoTime, Terminal.standardErrorIsTerminal());
    }

    /** {@code in}, counting the bytes read for this bar; {@code in} itself when the bar is off. */
    public InputStream counting(InputStream in) {
        if (!enabled) {
            return in;
        }
        ProgressBar bar = this;
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bar.bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bar.bytes += n;
                }
                return n;
            }
        };
    }

    /** One more token read; redraws if enough time has passed. */
    public void tokenRead() {
        if (!enabled) {
            return;
        }
        tokens++;
        long now = nanoTime.getAsLong();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    /** Erases the bar, leaving the line clean for the summary. */
    public void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(line().length()) + "\r");
            err.flush();
        }
    }

    private void draw() {
        err.print("\r" + line());
        err.flush();
        drawn = true;
    }

    String line() {
        int percent = (int) Math.min(100, bytes * 100 / totalBytes);
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent)
                + "  " + tokens + " tokens";
    }
}
