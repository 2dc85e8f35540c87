package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.provision.ImportException;

/**
 * AES key wrap under a pre-shared key (XML Encryption 1.1 §5.7): RFC 3394 for secrets of whole
 * 64-bit blocks, RFC 5649 (padded) for the rest, under the {@code -pad} URI or, as some writers
 * do, under the plain one. The integrity check of the unwrap stands in for a MAC.
 */
class PskcKeyWrapTest {
    private static final byte[] KEY16 = Vectors.hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] KEY32 = Vectors.hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @ParameterizedTest(name = "{0} with {1}, {2}-byte secret")
    @DisplayName("RFC 3394 / RFC 5649 wrapped secrets are unwrapped")
    @CsvSource({
        "http://www.w3.org/2001/04/xmlenc#kw-aes128,        AESWrap,    16",
        "http://www.w3.org/2001/04/xmlenc#kw-aes128,        AESWrap,    32",
        "http://www.w3.org/2001/04/xmlenc#kw-aes256,        AESWrap,    24",
        "http://www.w3.org/2009/xmlenc11#kw-aes-128-pad,    AESWrapPad, 20",
        "http://www.w3.org/2009/xmlenc11#kw-aes-256-pad,    AESWrapPad, 20",
        "http://www.w3.org/2001/04/xmlenc#kw-aes128,        AESWrapPad, 20",
    })
    void wrappedSecretIsUnwrapped(String uri, String transformation, int length) throws Exception {
        byte[] secret = "12345678901234567890123456789012".substring(0, length).getBytes(StandardCharsets.US_ASCII);
        byte[] key = uri.contains("256") ? KEY32 : KEY16;

        var tokens = PskcXml.read(file(uri, wrap(transformation, key, secret)), PskcKey.preShared(key));

        assertThat(tokens).singleElement().satisfies(t -> assertThat(t.token().seed().revealBytes()).isEqualTo(secret));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a wrong pre-shared key fails the unwrap's integrity check, naming the key")
    @CsvSource({"AESWrap", "AESWrapPad"})
    void wrongKeyFailsTheIntegrityCheck(String transformation) throws Exception {
        byte[] wrong = KEY16.clone();
        wrong[15] ^= 1;
        String xml = file("http://www.w3.org/2001/04/xmlenc#kw-aes128", wrap(transformation, KEY16,
                "12345678901234567890123456789012".substring(0, transformation.equals("AESWrap") ? 16 : 20)
                        .getBytes(StandardCharsets.US_ASCII)));

        ImportException e = PskcXml.refused(xml, PskcKey.preShared(wrong));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("test.pskc: KeyPackage 1 (serial KW-1), element Data/Secret/EncryptedValue");
            assertThat(p.message()).isEqualTo("cannot be decrypted with kw-aes128: wrong pre-shared key or altered file");
        });
    }

    private static String wrap(String transformation, byte[] key, byte[] secret) throws Exception {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.WRAP_MODE, new SecretKeySpec(key, "AES"));
        return Base64.getEncoder().encodeToString(cipher.wrap(new SecretKeySpec(secret, "AES")));
    }

    private static String file(String uri, String cipherValue) {
        return "<KeyContainer xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" Version=\"1.0\">"
                + "<EncryptionKey><ds:KeyName>transport</ds:KeyName></EncryptionKey>"
                + "<KeyPackage><DeviceInfo><SerialNo>KW-1</SerialNo></DeviceInfo>"
                + "<Key Id=\"KW-1\" Algorithm=\"" + PskcXml.HOTP + "\"><Data><Secret><EncryptedValue>"
                + "<xenc:EncryptionMethod Algorithm=\"" + uri + "\"/>"
                + "<xenc:CipherData><xenc:CipherValue>" + cipherValue + "</xenc:CipherValue></xenc:CipherData>"
                + "</EncryptedValue></Secret></Data></Key></KeyPackage></KeyContainer>";
    }
}
