package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenStatus;

/** Vendor seed lists, {@code serial,secret[,counter]}, as OneSpan, Swivel and Duo ship them. */
class CsvReaderSeedListTest {
    /** RFC 4226 Appendix D's secret, whose codes the appendix lists. */
    private static final Seed RFC4226_SEED = Seed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private static final String RFC4226_HEX = "3132333435363738393031323334353637383930";

    @Test
    @DisplayName("RFC 4226 Appendix D: a token read from a seed list shows the appendix's codes")
    void readsHotpSeedListWhoseTokensShowTheRfcCodes() throws Exception {
        List<ImportedToken> tokens = CsvFiles.read("""
                # Order 4711: 2 x HOTP SHA1 6 digits
                serial,secret,counter
                FTK1000001,%s,0
                FTK1000002,%s,5
                """.formatted(RFC4226_HEX, RFC4226_HEX), CsvOptions.defaults());

        assertThat(tokens).extracting(t -> t.token().serial().value()).containsExactly("FTK1000001", "FTK1000002");
        assertThat(tokens).extracting(ImportedToken::origin).containsExactly("tokens.csv:3", "tokens.csv:4");
        ImportedToken second = tokens.get(1);
        assertThat(second.token().spec()).isEqualTo(TokenSpec.hotp(HashAlgorithm.SHA1, 6));
        assertThat(second.token().status()).isEqualTo(TokenStatus.VALID);
        assertThat(second.token().state().counter()).isEqualTo(5);
        assertThat(second.user()).isEmpty();
        assertThat(Hotp.generate(HashAlgorithm.SHA1, second.token().seed(), 5, 6)).isEqualTo("254676");
        assertThat(Hotp.generate(HashAlgorithm.SHA1, tokens.get(0).token().seed(), 0, 6)).isEqualTo("755224");
    }

    @Test
    void headerlessListWithoutCounterStartsAtZero() throws Exception {
        List<ImportedToken> tokens = CsvFiles.read(RFC4226_HEX.replaceAll("^", "SW-0001,") + "\n", CsvOptions.defaults());

        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.token().serial().value()).isEqualTo("SW-0001");
            assertThat(t.token().state().counter()).isZero();
            assertThat(t.token().seed().matches(RFC4226_SEED)).isTrue();
        });
    }

    @Test
    void toleratesBomCrlfCommentsBlankLinesQuotesAndTrailingSpaces() throws Exception {
        String csv = "\uFEFFSerial Number , Seed , COUNTER\r\n"
                + "\r\n"
                + "  # exported 2026-01-10\r\n"
                + "\"DUO-7,A\", \"" + RFC4226_HEX + "\" ,  7   \r\n"
                + "DUO-8," + RFC4226_HEX.toUpperCase() + "   \r\n";

        List<ImportedToken> tokens = CsvFiles.read(csv, CsvOptions.defaults());

        assertThat(tokens).extracting(t -> t.token().serial().value()).containsExactly("DUO-7,A", "DUO-8");
        assertThat(tokens).extracting(t -> t.token().state().counter()).containsExactly(7L, 0L);
        assertThat(tokens).allSatisfy(t -> assertThat(t.token().seed().matches(RFC4226_SEED)).isTrue());
        assertThat(tokens).extracting(ImportedToken::origin).containsExactly("tokens.csv:4", "tokens.csv:5");
    }

    @Test
    @DisplayName("RFC 6238 Appendix B: a TOTP seed list takes kind, hash, digits and step from the options")
    void totpSeedListTakesItsSpecFromTheOptions() throws Exception {
        String sha256Seed = "3132333435363738393031323334353637383930313233343536373839303132";
        CsvOptions options = CsvOptions.totpSeedList(HashAlgorithm.SHA256, 8, Duration.ofSeconds(30))
                .withDetails(new TokenDetails(Optional.of("OneSpan"), Optional.of("DIGIPASS GO 6"), Optional.empty()));

        ImportedToken token = CsvFiles.read("GO6-123456," + sha256Seed + "\n", options).get(0);

        assertThat(token.token().spec().kind()).isEqualTo(TokenKind.TOTP);
        assertThat(token.details().model()).contains("DIGIPASS GO 6");
        assertThat(Totp.generate(HashAlgorithm.SHA256, token.token().seed(), Instant.ofEpochSecond(59),
                token.token().spec().step(), 0, 8)).isEqualTo("46119246");
    }

    @Test
    void readsBase32AndBase64SecretsWhenTheOptionsSaySo() throws Exception {
        String base32 = "a1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n";
        String base64 = "a1,MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\n";

        assertThat(CsvFiles.read(base32, CsvOptions.defaults().withEncoding(SecretEncoding.BASE32)).get(0)
                .token().seed().matches(RFC4226_SEED)).isTrue();
        assertThat(CsvFiles.read(base64, CsvOptions.defaults().withEncoding(SecretEncoding.BASE64)).get(0)
                .token().seed().matches(RFC4226_SEED)).isTrue();
    }

    @Test
    void autoEncodingReadsAFileThatMixesEncodings() throws Exception {
        String csv = "h," + RFC4226_HEX + "\nb32,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nb64,MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\n";

        List<ImportedToken> tokens = CsvFiles.read(csv, CsvOptions.defaults().withEncoding(SecretEncoding.AUTO));

        assertThat(tokens).hasSize(3).allSatisfy(t -> assertThat(t.token().seed().matches(RFC4226_SEED)).isTrue());
    }

    @Test
    void shortSeedIsTakenWhenTheOptionsAllowIt() throws Exception {
        List<ImportedToken> tokens = CsvFiles.read("old-1,31323334353637383930\n",
                CsvOptions.defaults().withShortSeedsAllowed(true));

        assertThat(tokens).singleElement().extracting(t -> t.token().seed().length()).isEqualTo(10);
    }
}
