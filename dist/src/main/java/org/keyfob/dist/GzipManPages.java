package org.keyfob.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses every {@code *.1} in a directory into {@code *.1.gz} in another, as Debian installs
 * man pages, at the best compression. GZIPOutputStream writes no file name and a zero time, so the output only changes when
 * the page does. Usage: {@code GzipManPages IN_DIR OUT_DIR}.
 */
public final class GzipManPages {

    private GzipManPages() {
    }

    /** gzip -9, as Debian expects of man pages. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GzipManPages IN_DIR OUT_DIR");
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Path> pages;
        try (Stream<Path> files = Files.list(in)) {
            pages = files.filter(p -> p.getFileName().toString().endsWith(".1")).sorted().toList();
        }
        if (pages.isEmpty()) {
            throw new IOException("no man pages (*.1) in " + in + "; did asciidoctor run?");
        }
        for (Path page : pages) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream gz = new BestGzip(bytes)) {
                Files.copy(page, gz);
            }
            byte[] gzip = bytes.toByteArray();
            // RFC 1952 §2.3.1: XFL = 2, "compressor used maximum compression"; Java leaves it 0,
            // and Debian's checks read the level from this byte.
            gzip[8] = 2;
            Files.write(out.resolve(page.getFileName() + ".gz"), gzip);
        }
    }
}
