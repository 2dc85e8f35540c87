package org.keyfob.oath.provision.pskc;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A StAX reader that cannot be turned against the host (XXE): no DTD, no external entities, no
 * external DTD or schema access. A document with a DOCTYPE is refused outright by the reader
 * loop, before any entity is resolved. Also small helpers for walking one element at a time.
 */
final class SafeXml {
    private SafeXml() {
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        // The JDK's own implementation, whatever else is on the class path, so these settings hold.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory.createXMLStreamReader(in);
    }

    /**
     * Moves to the next start tag inside the current element, or to its end tag. Returns
     * {@code false} at the end tag. Refuses DTDs and entity references wherever they appear.
     */
    static boolean nextChild(XMLStreamReader xml) throws XMLStreamException, PskcError {
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.DTD:
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw refusedDtd();
                default:
                    break;
            }
        }
        throw new XMLStreamException("unexpected end of file");
    }

    /** Text content of the current element, stripped; child elements are an error. */
    static String text(XMLStreamReader xml) throws XMLStreamException, PskcError {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    text.append(xml.getText());
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return text.toString().strip();
                case XMLStreamConstants.START_ELEMENT:
                    throw new PskcError(xml.getLocalName(), "unexpected element inside a text value");
                case XMLStreamConstants.DTD:
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw refusedDtd();
                default:
                    break;
            }
        }
    }

    /** Skips the current element and everything inside it. */
    static void skip(XMLStreamReader xml) throws XMLStreamException, PskcError {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                throw refusedDtd();
            }
        }
    }

    /** An attribute by local name in any namespace or none; vendors disagree on prefixes. */
    static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    static PskcError refusedDtd() {
        return PskcError.fatal("DOCTYPE", "the file has a DOCTYPE (DTD); PSKC needs none and DTDs are refused "
                + "because they can read local files (XXE). Remove the DOCTYPE line and import again");
    }
}
