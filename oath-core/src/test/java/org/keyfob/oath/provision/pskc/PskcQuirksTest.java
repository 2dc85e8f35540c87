package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.provision.pskc.PskcXml.container;
import static org.keyfob.oath.provision.pskc.PskcXml.keyPackage;
import static org.keyfob.oath.provision.pskc.PskcXml.secret;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;

/** Unambiguous vendor variations are taken; ambiguous ones are refused with the reason. */
class PskcQuirksTest {

    @ParameterizedTest
    @ValueSource(strings = {"urn:ietf:params:xml:ns:keyprov:pskc#totp", "urn:ietf:params:xml:ns:keyprov:pskc:totp"})
    void totpUriVariantsAndTimeParameters(String uri) throws Exception {
        String data = secret(PskcXml.SECRET) + "<Time><PlainValue>0</PlainValue></Time>"
                + "<TimeInterval><PlainValue>60</PlainValue></TimeInterval><TimeDrift><PlainValue>-2</PlainValue></TimeDrift>";
        String xml = container(keyPackage("T1", uri, "<Suite>HMAC-SHA256</Suite><ResponseFormat Length=\"8\"/>", data));

        ImportedToken t = PskcXml.read(xml, PskcKey.none()).get(0);

        assertThat(t.token().spec().kind()).isEqualTo(TokenKind.TOTP);
        assertThat(t.token().spec().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(t.token().spec().step()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.token().spec().t0()).isZero();
        assertThat(t.token().state().drift()).isEqualTo(-2);
    }

    @Test
    void elementsWithoutNamespaceOrWithOtherPrefixesAreRead() throws Exception {
        String noNamespace = container(PskcXml.hotp("N1", "3")).replace(" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"", "");
        String prefixed = "<p:KeyContainer Version=\"1.0\" xmlns:p=\"urn:ietf:params:xml:ns:keyprov:pskc\"><p:KeyPackage>"
                + "<p:DeviceInfo><p:SerialNo>P1</p:SerialNo></p:DeviceInfo><p:Key Id=\"1\" Algorithm=\"" + PskcXml.HOTP + "\">"
                + "<p:Data><p:Secret><p:PlainValue>" + PskcXml.SECRET + "</p:PlainValue></p:Secret></p:Data>"
                + "</p:Key></p:KeyPackage></p:KeyContainer>";

        assertThat(PskcXml.read(noNamespace, PskcKey.none())).singleElement()
                .satisfies(t -> assertThat(t.token().state().counter()).isEqualTo(3));
        assertThat(PskcXml.read(prefixed, PskcKey.none())).singleElement()
                .satisfies(t -> assertThat(t.token().serial().value()).isEqualTo("P1"));
    }

    @Test
    void ocraKeyKeepsItsCanonicalSuite() throws Exception {
        String xml = container(keyPackage("O1", "urn:ietf:params:xml:ns:keyprov:pskc:ocra",
                "<Suite>OCRA-1:HOTP-SHA256-8:C-QN08</Suite><ResponseFormat Length=\"8\"/>",
                secret(PskcXml.SECRET) + "<Counter><PlainValue>4</PlainValue></Counter>"));

        ImportedToken t = PskcXml.read(xml, PskcKey.none()).get(0);

        assertThat(t.ocraSuite()).contains("OCRA-1:HOTP-SHA256-8:C-QN08");
        assertThat(t.token().spec().kind()).isEqualTo(TokenKind.OCRA);
        assertThat(t.token().spec().ocraSuite()).contains("OCRA-1:HOTP-SHA256-8:C-QN08");
        assertThat(t.token().spec().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(t.token().state().counter()).isEqualTo(4);
    }

    @Test
    void ocraSuiteInTheAlgorithmUriIsTaken() throws Exception {
        String xml = container(keyPackage("O2", "urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA1-6:QN08", "",
                secret(PskcXml.SECRET)));

        assertThat(PskcXml.read(xml, PskcKey.none()).get(0).ocraSuite()).contains("OCRA-1:HOTP-SHA1-6:QN08");
    }

    @Test
    void ocraSuitesThatDisagreeOrDoNotParseAreRefused() {
        String disagree = container(keyPackage("O3", "urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA1-6:QN08",
                "<Suite>OCRA-1:HOTP-SHA1-8:QN08</Suite>", secret(PskcXml.SECRET)));
        String invalid = container(keyPackage("O4", "urn:ietf:params:xml:ns:keyprov:pskc:ocra",
                "<Suite>OCRA-1:HOTP-MD5-6:QN08</Suite>", secret(PskcXml.SECRET)));
        String missing = container(keyPackage("O5", "urn:ietf:params:xml:ns:keyprov:pskc:ocra", "", secret(PskcXml.SECRET)));

        assertThat(PskcXml.refused(disagree, PskcKey.none()).getMessage()).contains("KeyPackage 1 (serial O3), "
                + "element AlgorithmParameters/Suite: \"OCRA-1:HOTP-SHA1-8:QN08\" differs from the suite in Key@Algorithm");
        assertThat(PskcXml.refused(invalid, PskcKey.none()).getMessage()).contains("(serial O4), element AlgorithmParameters/Suite");
        assertThat(PskcXml.refused(missing, PskcKey.none()).getMessage()).contains("an OCRA key needs its suite");
    }

    @Test
    void nonDecimalResponseIsRefused() {
        String xml = container(keyPackage("H1", PskcXml.HOTP, "<ResponseFormat Length=\"6\" Encoding=\"HEXADECIMAL\"/>",
                secret(PskcXml.SECRET)));

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage())
                .contains("ResponseFormat@Encoding: \"HEXADECIMAL\" is not supported");
    }
}
