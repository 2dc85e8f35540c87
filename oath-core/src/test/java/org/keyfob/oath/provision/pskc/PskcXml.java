package org.keyfob.oath.provision.pskc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;

/** Small hand-written PSKC documents for the error and quirk tests. */
final class PskcXml {
    static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
    /** Base64 of ASCII "12345678901234567890", the RFC 4226 secret. */
    static final String SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

    private PskcXml() {
    }

    static String container(String... keyPackages) {
        return "<?xml version=\"1.0\"?>\n<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n"
                + String.join("\n", keyPackages) + "\n</KeyContainer>\n";
    }

    /** A KeyPackage with a serial, an algorithm, AlgorithmParameters content and Data content. */
    static String keyPackage(String serial, String algorithm, String parameters, String data) {
        return "<KeyPackage><DeviceInfo><SerialNo>" + serial + "</SerialNo></DeviceInfo>\n"
                + "<Key Id=\"k-" + serial + "\" Algorithm=\"" + algorithm + "\">"
                + "<AlgorithmParameters>" + parameters + "</AlgorithmParameters>\n"
                + "<Data>" + data + "</Data></Key></KeyPackage>";
    }

    static String hotp(String serial, String counter) {
        return keyPackage(serial, HOTP, "<ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>", secret(SECRET)
                + "<Counter><PlainValue>" + counter + "</PlainValue></Counter>");
    }

    static String secret(String base64) {
        return "<Secret><PlainValue>" + base64 + "</PlainValue></Secret>";
    }

    static List<ImportedToken> read(String xml, PskcKey key) throws ImportException {
        return new PskcReader(key).read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.pskc");
    }

    static ImportException refused(String xml, PskcKey key) {
        try {
            read(xml, key);
        } catch (ImportException e) {
            return e;
        }
        throw new AssertionError("accepted:\n" + xml);
    }

    static String resource(String file) throws Exception {
        try (var in = Vectors.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
