package org.keyfob.oath.provision.pskc;

import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.keyfob.oath.provision.pskc.ContainerHeader.MacMethod;
import org.keyfob.oath.provision.pskc.ContainerHeader.Mode;
import org.keyfob.oath.provision.pskc.ContainerHeader.Pbkdf2;
import org.keyfob.oath.provision.pskc.ContainerHeader.Protection;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * Reads {@code EncryptionKey} and {@code MACMethod} (RFC 6030 §6). Every problem here is fatal:
 * without them no value in the file can be trusted.
 */
final class HeaderParser {
    static final String PBKDF2 = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2";

    private HeaderParser() {
    }

    static Protection encryptionKey(XMLStreamReader xml) throws XMLStreamException, PskcError {
        Optional<String> keyName = Optional.empty();
        Optional<Pbkdf2> pbkdf2 = Optional.empty();
        Mode mode = null;
        int modes = 0;
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "KeyName" -> {
                    keyName = Optional.of(SafeXml.text(xml));
                    mode = Mode.PRE_SHARED;
                    modes++;
                }
                case "DerivedKey" -> {
                    pbkdf2 = Optional.of(derivedKey(xml));
                    mode = Mode.PASSPHRASE;
                    modes++;
                }
                case "X509Data" -> {
                    SafeXml.skip(xml);
                    mode = Mode.CERTIFICATE;
                    modes++;
                }
                default -> SafeXml.skip(xml);
            }
        }
        if (modes != 1) {
            throw PskcError.fatal("EncryptionKey", "must hold exactly one of ds:KeyName, xenc11:DerivedKey or "
                    + "ds:X509Data (RFC 6030 §6), has " + modes);
        }
        return new Protection(mode, keyName, pbkdf2);
    }

    private static Pbkdf2 derivedKey(XMLStreamReader xml) throws XMLStreamException, PskcError {
        Pbkdf2 params = null;
        while (SafeXml.nextChild(xml)) {
            if (xml.getLocalName().equals("KeyDerivationMethod")) {
                String algorithm = SafeXml.attribute(xml, "Algorithm");
                if (!PBKDF2.equals(algorithm == null ? null : algorithm.strip())) {
                    throw PskcError.fatal("EncryptionKey/DerivedKey/KeyDerivationMethod", "algorithm \""
                            + algorithm + "\" is not supported; only " + PBKDF2 + " is");
                }
                while (SafeXml.nextChild(xml)) {
                    if (xml.getLocalName().equals("PBKDF2-params")) {
                        params = pbkdf2Params(xml);
                    } else {
                        SafeXml.skip(xml);
                    }
                }
            } else {
                SafeXml.skip(xml);
            }
        }
        if (params == null) {
            throw PskcError.fatal("EncryptionKey/DerivedKey", "has no KeyDerivationMethod with PBKDF2-params");
        }
        return params;
    }

    private static Pbkdf2 pbkdf2Params(XMLStreamReader xml) throws XMLStreamException, PskcError {
        String where = "EncryptionKey/DerivedKey/KeyDerivationMethod/PBKDF2-params/";
        String salt = null;
        Integer iterations = null;
        OptionalInt keyLength = OptionalInt.empty();
        HashAlgorithm prf = HashAlgorithm.SHA1;
        while (SafeXml.nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "Salt" -> {
                    while (SafeXml.nextChild(xml)) {
                        if (!xml.getLocalName().equals("Specified")) {
                            throw PskcError.fatal(where + "Salt", "only a Specified salt is supported");
                        }
                        salt = SafeXml.text(xml);
                    }
                }
                case "IterationCount" -> iterations = positive(SafeXml.text(xml), where + "IterationCount");
                case "KeyLength" -> keyLength = OptionalInt.of(positive(SafeXml.text(xml), where + "KeyLength"));
                case "PRF" -> prf = prf(xml, where + "PRF");
                default -> SafeXml.skip(xml);
            }
        }
        if (salt == null || iterations == null) {
            throw PskcError.fatal(where.substring(0, where.length() - 1), "needs Salt/Specified and IterationCount");
        }
        try {
            Base64.getMimeDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw PskcError.fatal(where + "Salt/Specified", "is not base64");
        }
        return new Pbkdf2(salt, iterations, keyLength, prf);
    }

    /** The PRF as an Algorithm attribute (RFC 6030) or as text (some writers); empty means HMAC-SHA1. */
    private static HashAlgorithm prf(XMLStreamReader xml, String where) throws XMLStreamException, PskcError {
        String attribute = SafeXml.attribute(xml, "Algorithm");
        String text = SafeXml.text(xml);
        if (attribute != null && !text.isEmpty() && !attribute.strip().equals(text)) {
            throw PskcError.fatal(where, "names two different functions, \"" + attribute + "\" and \"" + text + "\"");
        }
        String uri = attribute != null ? attribute.strip() : text;
        if (uri.isEmpty()) {
            return HashAlgorithm.SHA1;
        }
        return Uris.hmac(uri).orElseThrow(() -> PskcError.fatal(where, "\"" + uri
                + "\" is not a supported PRF; expected hmac-sha1, hmac-sha256 or hmac-sha512"));
    }

    static MacMethod macMethod(XMLStreamReader xml) throws XMLStreamException, PskcError {
        String uri = SafeXml.attribute(xml, "Algorithm");
        Optional<HashAlgorithm> algorithm = uri == null ? Optional.empty() : Uris.hmac(uri.strip());
        if (algorithm.isEmpty()) {
            throw PskcError.fatal("MACMethod", "algorithm \"" + uri + "\" is not supported; expected "
                    + "http://www.w3.org/2000/09/xmldsig#hmac-sha1 or xmldsig-more#hmac-sha256/-sha512");
        }
        EncryptedData key = null;
        while (SafeXml.nextChild(xml)) {
            if (xml.getLocalName().equals("MACKey")) {
                try {
                    key = DataValueParser.encrypted(xml, "MACMethod/MACKey");
                } catch (PskcError e) {
                    throw PskcError.fatal(e.element(), e.getMessage());
                }
            } else {
                SafeXml.skip(xml);
            }
        }
        if (key == null) {
            throw PskcError.fatal("MACMethod/MACKey", "is missing; Keyfob needs the MAC key in the file");
        }
        return new MacMethod(algorithm.get(), key);
    }

    private static int positive(String text, String where) throws PskcError {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PskcError.fatal(where, "\"" + text + "\" is not a positive integer");
    }
}
