package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;

/** The examples of RFC 6030 §5-§6 and Appendix, read as an admin would import them. */
class Rfc6030ExamplesTest {
    private static final byte[] RFC4226_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    @DisplayName("RFC 6030 Figure 2: a plain HOTP key without serial takes Key@Id as serial")
    void figure2PlainKeyUsesKeyIdAsSerial() throws Exception {
        List<ImportedToken> tokens = Vectors.read("rfc6030-figure2.pskcxml", PskcKey.none());

        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.token().serial().value()).isEqualTo("12345678");
            assertThat(t.token().seed().revealBytes()).isEqualTo("1234".getBytes(StandardCharsets.US_ASCII));
            assertThat(t.token().spec().kind()).isEqualTo(TokenKind.HOTP);
            assertThat(t.token().spec().digits()).describedAs("no ResponseFormat: 6 digits").isEqualTo(6);
            assertThat(t.details().issuer()).contains("Issuer-A");
            assertThat(t.origin()).isEqualTo("rfc6030-figure2.pskcxml: KeyPackage 1");
        });
    }

    @Test
    @DisplayName("RFC 6030 Figure 3: supplementary data, 8 digits, RFC 4226 secret")
    void figure3ReadsDeviceInfoAndResponseFormat() throws Exception {
        ImportedToken t = Vectors.read("rfc6030-figure3.pskcxml", PskcKey.none()).get(0);

        assertThat(t.token().serial().value()).isEqualTo("987654321");
        assertThat(t.details().manufacturer()).contains("Manufacturer");
        assertThat(t.token().spec().digits()).isEqualTo(8);
        assertThat(t.token().spec().algorithm()).isEqualTo(HashAlgorithm.SHA1);
        assertThat(t.token().state().counter()).isZero();
        assertThat(Hotp.generate(HashAlgorithm.SHA1, t.token().seed(), 0, 8))
                .describedAs("RFC 4226 Appendix D, counter 0, 8 digits").isEqualTo("84755224");
    }

    @Test
    @DisplayName("RFC 6030 Figure 4: a key derived from a master key has no Secret, so it is refused")
    void figure4WithoutSecretIsRefused() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure4.pskcxml", PskcKey.none());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("rfc6030-figure4.pskcxml: KeyPackage 1 (serial 987654321), element Data/Secret");
            assertThat(p.message()).contains("is missing", "KeyReference");
        });
    }

    @Test
    @DisplayName("RFC 6030 Figure 5: the PIN key package is skipped, the HOTP key is read")
    void figure5SkipsPinKey() throws Exception {
        List<ImportedToken> tokens = Vectors.read("rfc6030-figure5.pskcxml", PskcKey.none());

        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.token().serial().value()).isEqualTo("987654321");
            assertThat(t.token().seed().revealBytes()).isEqualTo(RFC4226_SECRET);
        });
    }

    @Test
    @DisplayName("RFC 6030 Figure 6: AES-128-CBC with a pre-shared key and HMAC-SHA1 ValueMAC")
    void figure6PreSharedKey() throws Exception {
        PskcKey key = PskcKey.preShared(Vectors.hex("12345678901234567890123456789012"));

        ImportedToken t = Vectors.read("rfc6030-figure6.pskcxml", key).get(0);

        assertThat(t.token().seed().revealBytes()).isEqualTo(RFC4226_SECRET);
        assertThat(t.token().spec().digits()).isEqualTo(8);
    }

    @Test
    @DisplayName("RFC 6030 Figure 7: PBKDF2 from the passphrase \"qwerty\"")
    void figure7Passphrase() throws Exception {
        ImportedToken t = Vectors.read("rfc6030-figure7.pskcxml", PskcKey.passphrase("qwerty".toCharArray())).get(0);

        assertThat(t.token().seed().revealBytes()).isEqualTo(RFC4226_SECRET);
        assertThat(t.token().serial().value()).isEqualTo("987654321");
        assertThat(t.details().manufacturer()).contains("TokenVendorAcme");
        assertThat(t.details().issuer()).contains("Example-Issuer");
    }

    @Test
    @DisplayName("RFC 6030 Figure 10: two keys for one device serial are refused, naming both KeyPackages")
    void figure10TwoKeysForOneSerialAreRefused() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure10.pskcxml", PskcKey.none());

        // Figure 10 rolls device 9999999 over from key 3 to key 4; Keyfob stores one key per serial.
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("rfc6030-figure10.pskcxml: KeyPackage 4 (serial 9999999), element DeviceInfo/SerialNo");
            assertThat(p.message()).startsWith("serial is already used by KeyPackage 3");
        });
    }
}
