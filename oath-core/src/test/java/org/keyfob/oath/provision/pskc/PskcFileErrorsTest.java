package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.provision.pskc.PskcXml.container;
import static org.keyfob.oath.provision.pskc.PskcXml.hotp;
import static org.keyfob.oath.provision.pskc.PskcXml.keyPackage;
import static org.keyfob.oath.provision.pskc.PskcXml.secret;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportProblem;

/** Problems inside KeyPackages are all collected, each with package, serial and element; then the file is refused. */
class PskcFileErrorsTest {

    @Test
    void everyBadPackageIsReportedAndNothingIsReturned() {
        String xml = container(
                hotp("GOOD1", "0"),
                hotp("BAD2", "-5"),
                keyPackage("BAD3", "urn:example:securid", "", secret(PskcXml.SECRET)),
                keyPackage("BAD4", PskcXml.HOTP, "<ResponseFormat Length=\"9\"/>", ""),
                hotp("BAD5", "twelve"));

        ImportException e = PskcXml.refused(xml, PskcKey.none());

        assertThat(e.problems()).extracting(ImportProblem::toString).containsExactly(
                "test.pskc: KeyPackage 2 (serial BAD2), element Data/Counter: -5 is outside 0..9223372036854775806",
                "test.pskc: KeyPackage 3 (serial BAD3), element Key@Algorithm: \"urn:example:securid\" is not supported; "
                        + "expected one of " + PskcAlgorithm.accepted(),
                "test.pskc: KeyPackage 4 (serial BAD4), element AlgorithmParameters/ResponseFormat@Length: "
                        + "9 digits is not supported; HOTP and TOTP use 6, 7 or 8",
                "test.pskc: KeyPackage 4 (serial BAD4), element Data/Secret: is missing; keys derived from a master key "
                        + "(KeyReference) are not supported, the file must carry each secret",
                "test.pskc: KeyPackage 5 (serial BAD5), element Data/Counter/PlainValue: \"twelve\" is not an integer");
    }

    @Test
    void problemsNeverContainTheSecret() {
        ImportException e = PskcXml.refused(container(hotp("S1", "-1"), keyPackage("S2", PskcXml.HOTP, "",
                secret("not base64!") + "<Counter><PlainValue>x</PlainValue></Counter>")), PskcKey.none());

        assertThat(e.getMessage()).contains("KeyPackage 1", "KeyPackage 2", "is not base64")
                .doesNotContain(PskcXml.SECRET, "12345678901234567890", "3132333435363738393031323334353637383930");
    }

    @Test
    void packageWithoutSerialOrIdIsNamedByIndex() {
        String xml = container("<KeyPackage><Key Algorithm=\"" + PskcXml.HOTP + "\"><Data>" + secret(PskcXml.SECRET)
                + "</Data></Key></KeyPackage>");

        assertThat(PskcXml.refused(xml, PskcKey.none()).problems()).extracting(ImportProblem::toString).containsExactly(
                "test.pskc: KeyPackage 1 (no serial), element DeviceInfo/SerialNo: is missing and Key has no Id, "
                        + "so the token has no serial");
    }

    @Test
    void elementGivenTwiceIsAmbiguous() {
        String xml = container(hotp("S1", "0").replace("</Data>", "<Counter><PlainValue>7</PlainValue></Counter></Data>"));

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage())
                .contains("KeyPackage 1 (serial S1), element Data/Counter: appears more than once");
    }

    @Test
    void readingStopsAtTheProblemCapAndSaysSo() {
        String xml = container(Collections.nCopies(ImportException.MAX_PROBLEMS + 50, hotp("X", "-1")).toArray(String[]::new));

        ImportException e = PskcXml.refused(xml, PskcKey.none());

        assertThat(e.problems()).hasSize(ImportException.MAX_PROBLEMS + 1);
        assertThat(e.problems().get(ImportException.MAX_PROBLEMS).message()).startsWith("stopped after 100 problems");
    }

    @Test
    void fileWithoutKeyPackagesIsRefused() {
        assertThat(PskcXml.refused(container(), PskcKey.none()).getMessage()).contains("has no KeyPackage");
    }

    @Test
    void documentThatIsNotPskcIsRefused() {
        assertThat(PskcXml.refused("<html><body/></html>", PskcKey.none()).getMessage())
                .contains("the document element is html, not KeyContainer");
        assertThat(PskcXml.refused("serial,secret\n1,abc\n", PskcKey.none()).getMessage())
                .contains("element KeyContainer (line 1): is not well-formed XML");
        assertThat(PskcXml.refused(container(hotp("S1", "0")).replace("</KeyContainer>", ""), PskcKey.none())
                .getMessage()).contains("is not well-formed XML");
    }

    @Test
    void draftFormatNamespaceIsRefusedWithAHint() {
        String xml = "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc:1.0\"/>";

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage()).contains("pre-RFC draft format");
    }

    @Test
    void dateWithoutTimeZoneIsRefused() {
        String xml = container(hotp("S1", "0").replace("</Data>",
                "</Data><Policy><StartDate>2024-01-01T00:00:00</StartDate></Policy>"));

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage()).contains(
                "element Policy/StartDate: \"2024-01-01T00:00:00\" is not a date-time with a time zone");
    }
}
