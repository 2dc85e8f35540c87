package org.keyfob.oath.provision.pskc;

import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a value element: {@code PlainValue}, or {@code EncryptedValue} (xenc EncryptionMethod and
 * CipherData/CipherValue) with an optional {@code ValueMAC} (RFC 6030 §4.1, §6). The same shape
 * serves MACMethod/MACKey, which is an xenc encrypted value without the wrapper.
 */
final class DataValueParser {
    private DataValueParser() {
    }

    /** From the start tag of {@code element} to its end tag. */
    static DataValue parse(XMLStreamReader xml, String element) throws XMLStreamException, PskcError {
        Optional<String> plain = Optional.empty();
        Optional<EncryptedData> encrypted = Optional.empty();
        Optional<String> mac = Optional.empty();
        while (SafeXml.nextChild(xml)) {
            String name = xml.getLocalName();
            switch (name) {
                case "PlainValue" -> {
                    requireAbsent(plain.isPresent() || encrypted.isPresent(), element);
                    plain = Optional.of(SafeXml.text(xml));
                }
                case "EncryptedValue" -> {
                    requireAbsent(plain.isPresent() || encrypted.isPresent(), element);
                    encrypted = Optional.of(encrypted(xml, element + "/EncryptedValue"));
                }
                case "ValueMAC" -> {
                    requireAbsent(mac.isPresent(), element + "/ValueMAC");
                    mac = Optional.of(SafeXml.text(xml));
                }
                default -> SafeXml.skip(xml);
            }
        }
        if (plain.isEmpty() && encrypted.isEmpty()) {
            throw new PskcError(element, "has neither PlainValue nor EncryptedValue");
        }
        return new DataValue(element, plain, encrypted, mac);
    }

    /** From an element holding xenc EncryptionMethod and CipherData, to its end tag. */
    static EncryptedData encrypted(XMLStreamReader xml, String element) throws XMLStreamException, PskcError {
        String algorithm = null;
        Optional<String> digest = Optional.empty();
        String cipherValue = null;
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "EncryptionMethod" -> {
                    algorithm = SafeXml.attribute(xml, "Algorithm");
                    while (SafeXml.nextChild(xml)) {
                        if (xml.getLocalName().equals("DigestMethod")) {
                            digest = Optional.ofNullable(SafeXml.attribute(xml, "Algorithm"));
                        }
                        SafeXml.skip(xml);
                    }
                }
                case "CipherData" -> {
                    while (SafeXml.nextChild(xml)) {
                        if (!xml.getLocalName().equals("CipherValue")) {
                            throw new PskcError(element + "/CipherData/" + xml.getLocalName(),
                                    "is not supported; only an inline CipherValue is");
                        }
                        cipherValue = SafeXml.text(xml);
                    }
                }
                default -> SafeXml.skip(xml);
            }
        }
        if (algorithm == null || algorithm.isBlank()) {
            throw new PskcError(element + "/EncryptionMethod", "is missing or has no Algorithm attribute");
        }
        if (cipherValue == null) {
            throw new PskcError(element + "/CipherData/CipherValue", "is missing");
        }
        return new EncryptedData(algorithm.strip(), cipherValue, digest).check(element + "/CipherData/CipherValue");
    }

    private static void requireAbsent(boolean present, String element) throws PskcError {
        if (present) {
            throw new PskcError(element, "has more than one value; which one applies is ambiguous");
        }
    }
}
