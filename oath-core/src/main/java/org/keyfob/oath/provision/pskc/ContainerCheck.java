package org.keyfob.oath.provision.pskc;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Checks on the KeyContainer itself (RFC 6030 §4): its name, namespace, version and order. */
final class ContainerCheck {
    private ContainerCheck() {
    }

    /** Moves to the document element and checks it is an RFC 6030 KeyContainer. */
    static void root(XMLStreamReader xml) throws XMLStreamException, PskcError {
        while (xml.next() != XMLStreamConstants.START_ELEMENT) {
            if (xml.getEventType() == XMLStreamConstants.DTD
                    || xml.getEventType() == XMLStreamConstants.ENTITY_REFERENCE) {
                throw SafeXml.refusedDtd();
            }
        }
        if (!xml.getLocalName().equals("KeyContainer")) {
            throw PskcError.fatal(xml.getLocalName(), "the document element is " + xml.getLocalName()
                    + ", not KeyContainer: this is not an RFC 6030 PSKC file");
        }
        String namespace = xml.getNamespaceURI();
        if (namespace != null && !namespace.isEmpty() && !namespace.equals(PskcReader.NAMESPACE)) {
            throw PskcError.fatal("KeyContainer", "namespace \"" + namespace + "\" is not RFC 6030's \""
                    + PskcReader.NAMESPACE + "\"" + (namespace.startsWith(PskcReader.NAMESPACE)
                    ? "; this looks like a pre-RFC draft format: ask the vendor for RFC 6030 PSKC" : ""));
        }
        String version = SafeXml.attribute(xml, "Version");
        if (version != null && !version.strip().equals("1.0")) {
            throw PskcError.fatal("KeyContainer@Version", "\"" + version + "\" is not 1.0, the only version RFC 6030 defines");
        }
    }

    /** EncryptionKey and MACMethod come once each, before the first KeyPackage (RFC 6030 §4). */
    static void beforePackages(String element, int packagesSeen, boolean seen) throws PskcError {
        if (packagesSeen > 0) {
            throw PskcError.fatal(element, "comes after a KeyPackage; it must come before the first one");
        }
        if (seen) {
            throw PskcError.fatal(element, "appears twice; which one applies is ambiguous");
        }
    }
}
