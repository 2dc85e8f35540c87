package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.provision.ImportException;

/**
 * A wrong key, a wrong kind of key or an altered file refuses the whole import with one message
 * an admin can act on, and no value is taken before its MAC has been checked (RFC 6030 §6.1.1).
 */
class PskcProtectionErrorsTest {
    private static final byte[] FIGURE6_KEY = Vectors.hex("12345678901234567890123456789012");

    @Test
    void wrongPreSharedKeyIsRefusedWithOneMessage() throws Exception {
        byte[] wrong = FIGURE6_KEY.clone();
        wrong[0] ^= 1;

        ImportException e = Vectors.refused("rfc6030-figure6.pskcxml", PskcKey.preShared(wrong));

        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).endsWith("wrong pre-shared key or altered file"));
    }

    @Test
    void wrongPassphraseIsRefusedWithOneMessage() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure7.pskcxml", PskcKey.passphrase("qwertz".toCharArray()));

        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).endsWith("wrong passphrase or altered file"));
    }

    @Test
    @DisplayName("RFC 6030 §6.1.1: an altered ValueMAC in KeyPackage 2 refuses the file, naming package and serial")
    void alteredValueMacInSecondPackageNamesIt() throws Exception {
        String xml = PskcXml.resource("rfc6030-figure6.pskcxml");
        int start = xml.indexOf("<KeyPackage>");
        int end = xml.indexOf("</KeyPackage>") + "</KeyPackage>".length();
        String second = xml.substring(start, end).replace("987654321", "987654322").replace("Su+Nv", "Su+Mv");
        String altered = xml.substring(0, end) + "\n" + second + xml.substring(end);

        ImportException e = PskcXml.refused(altered, PskcKey.preShared(FIGURE6_KEY));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("test.pskc: KeyPackage 2 (serial 987654322), element Data/Secret/ValueMAC");
            assertThat(p.message()).isEqualTo("MAC check failed: wrong pre-shared key or altered file");
        });
    }

    @Test
    void alteredCiphertextFailsTheMacBeforeDecryption() throws Exception {
        String xml = PskcXml.resource("rfc6030-figure6.pskcxml").replace("AAECAwQFBgcICQoLDA0OD+cI", "AAECAwQFBgcICQoLDA0OD+cJ");

        ImportException e = PskcXml.refused(xml, PskcKey.preShared(FIGURE6_KEY));

        assertThat(e.getMessage()).contains("KeyPackage 1 (serial 987654321), element Data/Secret/ValueMAC: MAC check failed");
    }

    @Test
    void encryptedFileWithoutKeySaysWhichKeyItNeeds() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure6.pskcxml", PskcKey.none());

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "the file is encrypted and needs the pre-shared key named \"Pre-shared-key\", but no key was given"));
    }

    @Test
    void passphraseForPreSharedKeyFileIsRefused() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure6.pskcxml", PskcKey.passphrase("qwerty".toCharArray()));

        assertThat(e.getMessage()).contains("needs the pre-shared key named \"Pre-shared-key\", but a passphrase was given");
    }

    @Test
    void preSharedKeyOfWrongLengthSaysTheLengthNeeded() throws Exception {
        ImportException e = Vectors.refused("rfc6030-figure6.pskcxml", PskcKey.preShared(new byte[32]));

        assertThat(e.getMessage()).contains("aes128-cbc, which needs a 16-byte key, but the pre-shared key has 32 bytes");
    }

    @Test
    @DisplayName("RFC 6030 §6.1.1: CBC without a MACMethod cannot detect a wrong key, so it is refused")
    void cbcWithoutMacIsRefused() throws Exception {
        String xml = PskcXml.resource("rfc6030-figure6.pskcxml").replaceAll("(?s)<MACMethod.*</MACMethod>", "")
                .replaceAll("(?s)<ValueMAC>.*</ValueMAC>", "");

        ImportException e = PskcXml.refused(xml, PskcKey.preShared(FIGURE6_KEY));

        assertThat(e.getMessage()).contains("element Data/Secret/EncryptedValue", "aes128-cbc without a MAC",
                "ask the vendor for a file with MACMethod");
    }

    @Test
    void unsupportedCipherIsNamed() throws Exception {
        String xml = PskcXml.resource("rfc6030-figure6.pskcxml").replaceAll(
                "(?s)(<EncryptedValue>\\s*<xenc:EncryptionMethod\\s*Algorithm=\")[^\"]*", "$1http://www.w3.org/2001/04/xmlenc#tripledes-cbc");

        ImportException e = PskcXml.refused(xml, PskcKey.preShared(FIGURE6_KEY));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).endsWith("KeyPackage 1 (serial 987654321), element Data/Secret/EncryptedValue/EncryptionMethod");
            assertThat(p.message()).startsWith("algorithm \"http://www.w3.org/2001/04/xmlenc#tripledes-cbc\" is not supported");
        });
    }

    @Test
    void keyTypesNeverShowTheirSecret() {
        assertThat(PskcKey.preShared(FIGURE6_KEY)).hasToString("PskcKey.PreShared[16 bytes]");
        assertThat(PskcKey.passphrase("qwerty".toCharArray()).toString()).doesNotContain("qwerty");
    }
}
