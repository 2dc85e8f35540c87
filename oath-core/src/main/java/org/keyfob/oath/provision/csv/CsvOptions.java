package org.keyfob.oath.provision.csv;

import java.time.Duration;
import java.util.Optional;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;

/**
 * What a CSV file does not say about its tokens, given once for the whole file.
 *
 * @param dialect the layout when the file has no header row; empty means {@link CsvDialect#SEED_LIST}.
 *     A header row that names the other dialect is reported as a problem.
 * @param spec kind, hash and digits of every token; for {@link CsvDialect#SEED_LIST} also the TOTP
 *     time step. {@link CsvDialect#AZURE_MFA} tokens are always TOTP with the row's time interval,
 *     taking only hash and digits from here. HOTP or TOTP only.
 * @param encoding how secrets are written; empty means the dialect's own: hex for seed lists,
 *     base32 for Azure MFA
 * @param allowShortSeeds take seeds under 16 bytes (128 bits, the minimum of RFC 4226 §4)
 * @param details manufacturer and model for every token of a seed list; Azure MFA rows give their own
 */
public record CsvOptions(Optional<CsvDialect> dialect, TokenSpec spec, Optional<SecretEncoding> encoding,
        boolean allowShortSeeds, TokenDetails details) {
    /** Seeds shorter than this many bytes are refused unless {@link #allowShortSeeds}. */
    public static final int MIN_SEED_BYTES = 16;

    public CsvOptions {
        if (spec.kind() != TokenKind.HOTP && spec.kind() != TokenKind.TOTP) {
            throw new IllegalArgumentException("CSV files hold HOTP or TOTP tokens, not " + spec.kind());
        }
    }

    /**
     * Dialect from the header (seed list without one), HOTP-SHA1 with 6 digits, the dialect's own
     * secret encoding, seeds of at least 128 bits, no details.
     */
    public static CsvOptions defaults() {
        return new CsvOptions(Optional.empty(), TokenSpec.hotp(HashAlgorithm.SHA1, 6), Optional.empty(),
                false, TokenDetails.NONE);
    }

    /** A seed list of TOTP tokens: the common case for time-based hardware tokens. */
    public static CsvOptions totpSeedList(HashAlgorithm algorithm, int digits, Duration step) {
        return defaults().withSpec(TokenSpec.totp(algorithm, digits, step));
    }

    /** These options, for files without a header row in {@code newDialect}. */
    public CsvOptions withDialect(CsvDialect newDialect) {
        return new CsvOptions(Optional.of(newDialect), spec, encoding, allowShortSeeds, details);
    }

    /** These options with kind, hash, digits (and, for seed lists, time step) from {@code newSpec}. */
    public CsvOptions withSpec(TokenSpec newSpec) {
        return new CsvOptions(dialect, newSpec, encoding, allowShortSeeds, details);
    }

    /** These options with secrets read in {@code newEncoding}, whatever the dialect. */
    public CsvOptions withEncoding(SecretEncoding newEncoding) {
        return new CsvOptions(dialect, spec, Optional.of(newEncoding), allowShortSeeds, details);
    }

    /** These options, taking (or not) seeds under {@link #MIN_SEED_BYTES}; legacy tokens may need it. */
    public CsvOptions withShortSeedsAllowed(boolean allow) {
        return new CsvOptions(dialect, spec, encoding, allow, details);
    }

    /** These options with manufacturer and model for every token of a seed list. */
    public CsvOptions withDetails(TokenDetails newDetails) {
        return new CsvOptions(dialect, spec, encoding, allowShortSeeds, newDetails);
    }

    /** The encoding secrets of {@code fileDialect} are read in. */
    SecretEncoding encodingFor(CsvDialect fileDialect) {
        return encoding.orElse(fileDialect == CsvDialect.AZURE_MFA ? SecretEncoding.BASE32 : SecretEncoding.HEX);
    }
}
