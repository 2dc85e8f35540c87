package org.keyfob.oath.provision.pskc;

import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code KeyPackage} element (RFC 6030 §4) into a {@link RawKeyPackage}, element by
 * element, without building a tree. Elements are matched by local name in any namespace, since
 * vendors disagree on prefixes; an element given twice is a problem, not a silent choice.
 * Elements that do not affect a token (CryptoModuleInfo, PINPolicy, KeyUsage, UserId) are skipped.
 */
final class KeyPackageParser {
    private final XMLStreamReader xml;
    private final RawKeyPackage raw;

    private KeyPackageParser(XMLStreamReader xml, RawKeyPackage raw) {
        this.xml = xml;
        this.raw = raw;
    }

    /** Reads from the KeyPackage start tag to its end tag. */
    static RawKeyPackage parse(XMLStreamReader xml, int index) throws XMLStreamException, PskcError {
        RawKeyPackage raw = new RawKeyPackage(index, xml.getLocation().getLineNumber());
        try {
            new KeyPackageParser(xml, raw).keyPackage();
        } catch (PskcError e) {
            if (e.isFatal()) {
                throw e;
            }
            raw.problems.add(e);
            skipToEndOfKeyPackage(xml);
        }
        return raw;
    }

    /** KeyPackage elements do not nest, so its end tag is the next one with that name. */
    private static void skipToEndOfKeyPackage(XMLStreamReader xml) throws XMLStreamException, PskcError {
        while (!(xml.isEndElement() && xml.getLocalName().equals("KeyPackage"))) {
            int event = xml.next();
            if (event == XMLStreamReader.DTD || event == XMLStreamReader.ENTITY_REFERENCE) {
                throw SafeXml.refusedDtd();
            }
        }
    }

    private void keyPackage() throws XMLStreamException, PskcError {
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "DeviceInfo" -> deviceInfo();
                case "Key" -> key();
                default -> SafeXml.skip(xml);
            }
        }
    }

    private void deviceInfo() throws XMLStreamException, PskcError {
        while (SafeXml.nextChild(xml)) {
            String name = xml.getLocalName();
            String path = "DeviceInfo/" + name;
            switch (name) {
                case "Manufacturer" -> raw.manufacturer = once(raw.manufacturer, SafeXml.text(xml), path);
                case "SerialNo" -> raw.serialNo = once(raw.serialNo, SafeXml.text(xml), path);
                case "Model" -> raw.model = once(raw.model, SafeXml.text(xml), path);
                case "IssueNo" -> raw.issueNo = once(raw.issueNo, SafeXml.text(xml), path);
                case "StartDate" -> raw.deviceStartDate = once(raw.deviceStartDate, SafeXml.text(xml), path);
                case "ExpiryDate" -> raw.deviceExpiryDate = once(raw.deviceExpiryDate, SafeXml.text(xml), path);
                default -> SafeXml.skip(xml);
            }
        }
    }

    private void key() throws XMLStreamException, PskcError {
        if (++raw.keyCount > 1) {
            raw.problems.add(new PskcError("Key", "a KeyPackage holds one Key (RFC 6030 §4), this one has more"));
        }
        raw.keyId = Optional.ofNullable(SafeXml.attribute(xml, "Id")).map(String::strip);
        raw.algorithm = Optional.ofNullable(SafeXml.attribute(xml, "Algorithm")).map(String::strip);
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "Issuer" -> raw.issuer = once(raw.issuer, SafeXml.text(xml), "Key/Issuer");
                case "AlgorithmParameters" -> algorithmParameters();
                case "Data" -> data();
                case "Policy" -> policy();
                case "Extensions" -> extensions();
                default -> SafeXml.skip(xml);
            }
        }
    }

    private void algorithmParameters() throws XMLStreamException, PskcError {
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "Suite" -> raw.suite = once(raw.suite, SafeXml.text(xml), "AlgorithmParameters/Suite");
                case "ResponseFormat" -> {
                    String path = "AlgorithmParameters/ResponseFormat";
                    raw.responseLength = once(raw.responseLength, SafeXml.attribute(xml, "Length"), path + "@Length");
                    raw.responseEncoding = once(raw.responseEncoding, SafeXml.attribute(xml, "Encoding"), path + "@Encoding");
                    SafeXml.skip(xml);
                }
                default -> SafeXml.skip(xml);
            }
        }
    }

    private void data() throws XMLStreamException, PskcError {
        while (SafeXml.nextChild(xml)) {
            String name = xml.getLocalName();
            String path = "Data/" + name;
            switch (name) {
                case "Secret" -> raw.secret = once(raw.secret, DataValueParser.parse(xml, path), path);
                case "Counter" -> raw.counter = once(raw.counter, DataValueParser.parse(xml, path), path);
                case "Time" -> raw.time = once(raw.time, DataValueParser.parse(xml, path), path);
                case "TimeInterval" -> raw.timeInterval = once(raw.timeInterval, DataValueParser.parse(xml, path), path);
                case "TimeDrift" -> raw.timeDrift = once(raw.timeDrift, DataValueParser.parse(xml, path), path);
                default -> SafeXml.skip(xml);
            }
        }
    }

    /** Keyfob's own key data ({@link PskcWriter#EXTENSION}); other extensions are skipped. */
    private void extensions() throws XMLStreamException, PskcError {
        String definition = SafeXml.attribute(xml, "definition");
        if (definition == null || !definition.strip().equals(PskcWriter.EXTENSION)) {
            SafeXml.skip(xml);
            return;
        }
        while (SafeXml.nextChild(xml)) {
            String path = "Extensions/" + xml.getLocalName();
            switch (xml.getLocalName()) {
                case "Status" -> raw.keyfobStatus = once(raw.keyfobStatus, SafeXml.text(xml), path);
                case "NextTimeStep" -> raw.keyfobNextTimeStep = once(raw.keyfobNextTimeStep, SafeXml.text(xml), path);
                default -> SafeXml.skip(xml);
            }
        }
    }

    private void policy() throws XMLStreamException, PskcError {
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "StartDate" -> raw.startDate = once(raw.startDate, SafeXml.text(xml), "Policy/StartDate");
                case "ExpiryDate" -> raw.expiryDate = once(raw.expiryDate, SafeXml.text(xml), "Policy/ExpiryDate");
                default -> SafeXml.skip(xml);
            }
        }
    }

    /** The new value, or the old one and a problem when the element came twice. */
    private <T> Optional<T> once(Optional<T> old, T value, String element) {
        if (old.isPresent()) {
            raw.problems.add(new PskcError(element, "appears more than once; which one applies is ambiguous"));
            return old;
        }
        return Optional.ofNullable(value);
    }
}
