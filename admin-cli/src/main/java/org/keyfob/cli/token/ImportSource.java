package org.keyfob.cli.token;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.provision.csv.CsvOptions;
import org.keyfob.oath.provision.csv.CsvReader;
import org.keyfob.oath.provision.csv.SecretEncoding;
import org.keyfob.oath.provision.pskc.PskcKey;
import org.keyfob.oath.provision.pskc.PskcReader;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import picocli.CommandLine.Option;

/** The file options of {@code token import}: format, CSV defaults, and how a PSKC file is protected. */
final class ImportSource {
    enum Format { auto, csv, pskc }

    @Option(names = "--format", defaultValue = "auto", description = "auto (default: PSKC if the file is XML), csv or pskc.")
    Format format;

    @Option(names = "--type", defaultValue = "hotp", description = "CSV seed lists: hotp (default) or totp.")
    String type;

    @Option(names = "--algorithm", defaultValue = "SHA1", description = "CSV seed lists: SHA1 (default), SHA256, SHA512.")
    String algorithm;

    @Option(names = "--digits", defaultValue = "6", description = "CSV seed lists: 6 (default), 7 or 8.")
    int digits;

    @Option(names = "--step", defaultValue = "30", description = "CSV TOTP seed lists: time step in seconds (default 30).")
    int step;

    @Option(names = "--encoding", defaultValue = "auto", description = "CSV secrets: auto (default), hex, base32 or base64.")
    String encoding;

    @Option(names = "--allow-short-seeds", description = "Accept seeds under 128 bits (RFC 4226 §4 requires 128).")
    boolean allowShortSeeds;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "PSKC protected by a passphrase (PBKDF2): read it from FILE.")
    Path passphraseFile;

    @Option(names = "--psk-file", paramLabel = "FILE", description = "PSKC protected by a pre-shared AES key: FILE holds it in hex.")
    Path pskFile;

    @Option(names = "--rsa-key-file", paramLabel = "FILE", description = "PSKC encrypted to an RSA key: FILE holds the PKCS#8 PEM private key.")
    Path rsaKeyFile;

    /**
     * Reads {@code file}, handing each token to {@code each} as it is read, through
     * {@code wrap} (to count bytes for a progress bar). Returns how many entries were skipped
     * (PSKC PIN keys). A refused file throws after some tokens may have been handed over.
     */
    long read(Path file, UnaryOperator<InputStream> wrap, Consumer<ImportedToken> each) throws RefusedException {
        try (InputStream in = wrap.apply(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            boolean pskc = format == Format.pskc || format == Format.auto && looksLikeXml(file);
            String name = String.valueOf(file.getFileName());
            if (pskc) {
                return new PskcReader(pskcKey()).read(in, name, each);
            }
            new CsvReader(csvOptions()).read(in, name, each);
            return 0;
        } catch (ImportException e) {
            throw new RefusedException(e.getMessage() + "\nnothing was imported");
        } catch (IOException e) {
            throw new RefusedException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    private CsvOptions csvOptions() {
        TokenKind kind = TokenKind.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        HashAlgorithm hash = HashAlgorithm.parse(algorithm);
        TokenSpec spec = kind == TokenKind.TOTP ? TokenSpec.totp(hash, digits, Duration.ofSeconds(step))
                : TokenSpec.hotp(hash, digits);
        CsvOptions options = CsvOptions.defaults().withSpec(spec).withShortSeedsAllowed(allowShortSeeds);
        return options.withEncoding(SecretEncoding.valueOf(encoding.toUpperCase(java.util.Locale.ROOT)));
    }

    private PskcKey pskcKey() throws RefusedException {
        if (passphraseFile != null) {
            return PskcKey.passphrase(SecretInput.read(passphraseFile, "passphrase").toCharArray());
        }
        if (pskFile != null) {
            try {
                return PskcKey.preShared(HexFormat.of().parseHex(SecretInput.read(pskFile, "key").strip()));
            } catch (IllegalArgumentException e) {
                throw new RefusedException(pskFile + ": the pre-shared key must be hex (32, 48 or 64 digits)");
            }
        }
        if (rsaKeyFile != null) {
            try {
                return PskcKey.rsaFromPem(Files.readString(rsaKeyFile, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RefusedException("cannot read " + rsaKeyFile + ": " + e.getMessage());
            }
        }
        return PskcKey.none();
    }

    private static boolean looksLikeXml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
            return text.startsWith("<");
        }
    }
}
