package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.provision.ImportedToken;

/**
 * RFC 6030 §6.3 (Figure 8): the secret encrypted to a certificate's RSA key. The RFC does not
 * publish Figure 8's private key, so the tests make a key pair and encrypt the figure's way.
 */
class PskcRsaTest {
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair pair;
    private static KeyPair other;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        other = generator.generateKeyPair();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 6030 §6.3: secret encrypted with the recipient's RSA key")
    @CsvSource({
        "http://www.w3.org/2001/04/xmlenc#rsa_1_5,       RSA/ECB/PKCS1Padding",
        "http://www.w3.org/2001/04/xmlenc#rsa-1_5,       RSA/ECB/PKCS1Padding",
        "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p, RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
    })
    void rsaEncryptedSecretIsRead(String uri, String transformation) throws Exception {
        ImportedToken t = PskcXml.read(file(uri, transformation, pair.getPublic()), PskcKey.rsa(pair.getPrivate())).get(0);

        assertThat(t.token().seed().revealBytes()).isEqualTo(SECRET);
        assertThat(t.token().serial().value()).isEqualTo("987654321");
    }

    @Test
    void otherRsaKeyIsAWrongKey() throws Exception {
        String xml = file("http://www.w3.org/2001/04/xmlenc#rsa_1_5", "RSA/ECB/PKCS1Padding", pair.getPublic());

        assertThat(PskcXml.refused(xml, PskcKey.rsa(other.getPrivate())).getMessage())
                .contains("element Data/Secret/EncryptedValue: cannot be decrypted with rsa-1_5: wrong RSA private key");
    }

    @Test
    void rsaFileWithoutKeySaysWhatItNeeds() throws Exception {
        String xml = file("http://www.w3.org/2001/04/xmlenc#rsa_1_5", "RSA/ECB/PKCS1Padding", pair.getPublic());

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage())
                .contains("needs the RSA private key of the certificate it was encrypted for, but no key was given");
    }

    @Test
    void pkcs8PemIsRead() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String xml = file("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding", pair.getPublic());

        PskcKey key = PskcKey.rsaFromPem(pem);

        assertThat(PskcXml.read(xml, key)).hasSize(1);
        assertThat(key).hasToString("PskcKey.Rsa[hidden]");
        assertThatThrownBy(() -> PskcKey.rsaFromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    /** Figure 8's shape, with the certificate left out (it is not read) and our ciphertext. */
    private static String file(String uri, String transformation, PublicKey recipient) throws Exception {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.ENCRYPT_MODE, recipient);
        String cipherValue = Base64.getEncoder().encodeToString(cipher.doFinal(SECRET));
        return "<KeyContainer xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\""
                + " xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" Version=\"1.0\">"
                + "<EncryptionKey><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></EncryptionKey>"
                + "<KeyPackage><DeviceInfo><Manufacturer>TokenVendorAcme</Manufacturer><SerialNo>987654321</SerialNo></DeviceInfo>"
                + "<Key Id=\"MBK000000001\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\">"
                + "<AlgorithmParameters><ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/></AlgorithmParameters>"
                + "<Data><Secret><EncryptedValue><xenc:EncryptionMethod Algorithm=\"" + uri + "\"/>"
                + "<xenc:CipherData><xenc:CipherValue>" + cipherValue + "</xenc:CipherValue></xenc:CipherData>"
                + "</EncryptedValue></Secret><Counter><PlainValue>0</PlainValue></Counter></Data></Key></KeyPackage>"
                + "</KeyContainer>";
    }
}
