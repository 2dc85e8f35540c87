package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;

/** The Azure MFA hardware-token upload format, as Token2 ships its seed files. */
class CsvReaderAzureTest {
    /** RFC 6238 Appendix B's SHA-1 secret, "12345678901234567890", in base32. */
    private static final String RFC6238_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static final String TOKEN2_FILE = """
            upn,serial number,secret key,time interval,manufacturer,model
            alice@contoso.com,60234567,%s,30,Token2,C202
            bob@contoso.com,60234568,"%s",60,"Token2, Inc.",miniOTP-1
            """.formatted(RFC6238_BASE32, RFC6238_BASE32.toLowerCase());

    @Test
    void detectsTheDialectFromTheHeaderAndAssignsEachTokenToItsUpn() throws Exception {
        List<ImportedToken> tokens = CsvFiles.read(TOKEN2_FILE, CsvOptions.defaults());

        assertThat(tokens).extracting(ImportedToken::user)
                .containsExactly(Optional.of("alice@contoso.com"), Optional.of("bob@contoso.com"));
        assertThat(tokens).extracting(t -> t.token().serial().value()).containsExactly("60234567", "60234568");
        assertThat(tokens).extracting(t -> t.token().spec().step())
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(tokens).allSatisfy(t -> {
            assertThat(t.token().spec().kind()).isEqualTo(TokenKind.TOTP);
            assertThat(t.token().state().counter()).isZero();
        });
        assertThat(tokens).extracting(ImportedToken::details).containsExactly(
                new TokenDetails(Optional.of("Token2"), Optional.of("C202"), Optional.empty()),
                new TokenDetails(Optional.of("Token2, Inc."), Optional.of("miniOTP-1"), Optional.empty()));
    }

    @Test
    @DisplayName("RFC 6238 Appendix B: the token shows the appendix's SHA-1 code at T = 59 s")
    void tokenFromTheFileShowsTheRfcCode() throws Exception {
        ImportedToken alice = CsvFiles.read(TOKEN2_FILE, CsvOptions.defaults()).get(0);

        assertThat(Totp.generate(HashAlgorithm.SHA1, alice.token().seed(), Instant.ofEpochSecond(59),
                alice.token().spec().step(), 0, 8)).isEqualTo("94287082");
    }

    @Test
    void headerIsRecognisedWhateverItsCaseAndSpacing() throws Exception {
        String csv = " UPN , Serial Number,SECRET KEY ,Time  Interval,Manufacturer,Model\r\n"
                + "carol@contoso.com,T2-1," + RFC6238_BASE32 + ",30,,\r\n";

        List<ImportedToken> tokens = CsvFiles.read(csv, CsvOptions.defaults());

        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.user()).contains("carol@contoso.com");
            assertThat(t.details()).isEqualTo(TokenDetails.NONE);
        });
    }

    @Test
    void headerlessFileIsReadWhenTheOptionsNameTheDialect() throws Exception {
        String csv = "dave@contoso.com,T2-2," + RFC6238_BASE32 + ",60,Token2,C302\n";

        List<ImportedToken> tokens = CsvFiles.read(csv, CsvOptions.defaults().withDialect(CsvDialect.AZURE_MFA));

        assertThat(tokens).singleElement().extracting(ImportedToken::origin).isEqualTo("tokens.csv:1");
    }

    @Test
    void hashAndDigitsComeFromTheOptions() throws Exception {
        CsvOptions options = CsvOptions.totpSeedList(HashAlgorithm.SHA256, 8, Duration.ofSeconds(30));

        ImportedToken token = CsvFiles.read(TOKEN2_FILE, options).get(1);

        assertThat(token.token().spec().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(token.token().spec().digits()).isEqualTo(8);
        assertThat(token.token().spec().step()).isEqualTo(Duration.ofSeconds(60));
    }
}
