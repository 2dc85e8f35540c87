package org.keyfob.cli.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes into a {@link Writer}, so a writer of bytes (the PSKC writer) can stream to the
 * command's standard output, which picocli gives as a writer. Malformed input is an error.
 */
public final class WriterOutputStream extends OutputStream {
    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    public WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        int from = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(bytes.remaining(), left);
            bytes.put(b, from, n);
            from += n;
            left -= n;
            decode(false);
        }
    }

    private void decode(boolean end) throws IOException {
        bytes.flip();
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isError()) {
                result.throwException();
            }
            writer.write(chars.array(), 0, chars.position());
            chars.clear();
            if (!result.isOverflow()) {
                break;
            }
        }
        bytes.compact();
    }

    @Override
    public void flush() throws IOException {
        decode(false);
        writer.flush();
    }

    /** Flushes; leaves the writer open (it is the command's standard output). */
    @Override
    public void close() throws IOException {
        decode(true);
        writer.flush();
    }
}
