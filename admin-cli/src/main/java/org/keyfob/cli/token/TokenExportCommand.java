package org.keyfob.cli.token;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.WriterOutputStream;
import org.keyfob.oath.provision.pskc.PskcWriter;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.ImportTally;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyfob token export}: the inventory (no secrets) as CSV or JSON, or, with
 * {@code --format pskc}, every token with its seed in a PSKC file protected by a passphrase, for
 * moving to another server. Streams from the store, so any number of tokens fits. Both write an
 * audit event naming the OS user first; the PSKC one before any seed leaves the store.
 */
@Command(name = "export", description = "Export the token inventory (CSV/JSON, no secrets), or all tokens "
        + "with their secrets as a passphrase-protected PSKC file (--format pskc) to move them to another server.")
final class TokenExportCommand extends StoreCommand {
    enum Format { inventory, pskc }

    static final int MIN_PASSPHRASE = 12;

    @Option(names = "--format", defaultValue = "inventory", description = "inventory (default: no secrets) or pskc.")
    Format format;

    @Option(names = "--output", defaultValue = "csv", description = "Inventory as csv (default) or json.")
    InventoryWriter.Output output;

    @Option(names = "--file", paramLabel = "FILE", description = "Write to FILE (created, never overwritten; "
            + "mode 0600 for PSKC) instead of standard output.")
    Path file;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "PSKC: read the passphrase from "
            + "FILE (first line); without it, it is asked on the terminal (twice, without echo) or read from stdin.")
    Path passphraseFile;

    @Option(names = "--iterations", defaultValue = "" + PskcWriter.DEFAULT_ITERATIONS,
            description = "PSKC: PBKDF2 iterations (default ${DEFAULT-VALUE}, at least 1000).")
    int iterations;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (format == Format.pskc) {
            char[] passphrase = passphrase();
            try {
                store.audit().record(AuditEvent.of(session.clock().instant(), AuditEventType.E_TOKEN_SECRETS_EXPORTED,
                        session.actor(), null, null, "format=pskc tokens=" + store.tokens().count() + " to=" + target()));
                return exportPskc(store, out, passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        store.audit().record(AuditEvent.of(session.clock().instant(), AuditEventType.E_TOKEN_LIST_EXPORTED,
                session.actor(), null, null, "format=" + output + " to=" + target()));
        return exportInventory(store, out);
    }

    private String target() {
        return file == null ? "stdout" : file.toAbsolutePath().toString();
    }

    private int exportInventory(Store store, PrintWriter out) throws Exception {
        if (file == null) {
            InventoryWriter writer = new InventoryWriter(out, output);
            store.tokens().forEachListed(writer::write);
            writer.finish();
            return 0;
        }
        long rows;
        try (OutputStream stream = create(false);
             PrintWriter fileOut = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            InventoryWriter writer = new InventoryWriter(fileOut, output);
            store.tokens().forEachListed(writer::write);
            rows = writer.finish();
        }
        out.println("exported the inventory of " + rows + " tokens to " + file);
        return 0;
    }

    private int exportPskc(Store store, PrintWriter out, char[] passphrase) throws Exception {
        Map<TokenKind, Long> kinds = new EnumMap<>(TokenKind.class);
        long[] skipped = {0};
        OutputStream stream = file == null ? new WriterOutputStream(out) : create(true);
        boolean done = false;
        try (stream; PskcWriter writer = PskcWriter.passphraseProtected(stream, passphrase, iterations)) {
            store.tokens().forEachListed(listed -> {
                Token t = listed.stored().token();
                if (t.spec().kind() == TokenKind.YUBICO) {
                    skipped[0]++;
                    return;
                }
                try {
                    writer.write(t, listed.stored().details());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                kinds.merge(t.spec().kind(), 1L, Long::sum);
            });
            done = true;
        } catch (UncheckedIOException e) {
            throw new RefusedException("cannot write " + target() + ": " + e.getCause().getMessage());
        } finally {
            if (!done && file != null) {
                Files.deleteIfExists(file);
            }
        }
        long total = kinds.values().stream().mapToLong(Long::longValue).sum();
        PrintWriter report = file == null ? err() : out;
        report.println("exported " + total + " tokens" + (total > 0 ? " (" + ImportTally.byKind(kinds) + ")" : "")
                + " with their secrets to " + (file == null ? "standard output" : file)
                + (skipped[0] > 0 ? "; skipped " + skipped[0] + " Yubico OTP tokens (PSKC has no algorithm for them)" : "")
                + "; import them with: keyfob token import FILE --passphrase-file F");
        report.flush();
        return 0;
    }

    private OutputStream create(boolean secret) throws RefusedException {
        try {
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new RefusedException(file + " exists already; choose another name or remove it first");
        } catch (IOException e) {
            throw new RefusedException("cannot create " + file + ": " + e.getMessage());
        }
    }

    /** From the file, else the terminal (typed twice) or stdin; never from the command line. */
    private char[] passphrase() throws RefusedException {
        boolean terminal = passphraseFile == null && System.console() != null;
        String first = SecretInput.read(passphraseFile, "passphrase for the export");
        if (terminal && !MessageDigest.isEqual(first.getBytes(StandardCharsets.UTF_8),
                SecretInput.read(null, "the same passphrase again").getBytes(StandardCharsets.UTF_8))) {
            throw new RefusedException("the two passphrases differ; nothing was exported");
        }
        if (first.length() < MIN_PASSPHRASE) {
            throw new RefusedException("the passphrase must have at least " + MIN_PASSPHRASE
                    + " characters: it protects every seed in the file; nothing was exported");
        }
        return first.toCharArray();
    }
}
