package org.keyfob.oath.provision.pskc;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.provision.SerialIndex;
import org.keyfob.oath.provision.pskc.ContainerHeader.MacMethod;
import org.keyfob.oath.provision.pskc.ContainerHeader.Protection;

/**
 * Reads an RFC 6030 PSKC file into tokens, or refuses it whole with every problem found (up to
 * {@link ImportException#MAX_PROBLEMS}), each naming the KeyPackage (from 1), its serial and the
 * element. Streams with StAX: {@link #read(InputStream, String, Consumer)} holds one KeyPackage at a
 * time plus about 24 bytes per serial (to refuse duplicates), so a file of any size reads in
 * near-constant memory. DTDs are refused.
 *
 * <p>Plain files, pre-shared AES keys (CBC with HMAC ValueMAC, or key wrap), PBKDF2 passphrases
 * and RSA (PKCS#1 v1.5, OAEP) are read; every ValueMAC is checked before its value is decrypted.
 * PIN keys (RFC 6030 Figure 5) are skipped: they are not tokens. XML signatures are not checked.
 * A reader is immutable and may be shared; it does not destroy the caller's {@link PskcKey}.
 */
public final class PskcReader {
    /** The RFC 6030 namespace; elements are also taken without a namespace. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:keyprov:pskc";

    private final PskcKey key;

    /** A reader for files protected by {@code key}; {@link PskcKey#none()} for plain files. */
    public PskcReader(PskcKey key) {
        this.key = key;
    }

    /**
     * Reads every KeyPackage of {@code in}, which is read to the end of the KeyContainer and not
     * closed. {@code name} (e.g. the file name) starts every problem's location.
     *
     * @return the tokens in file order
     * @throws ImportException when anything is wrong; then nothing is returned
     */
    public List<ImportedToken> read(InputStream in, String name) throws ImportException {
        List<ImportedToken> tokens = new ArrayList<>();
        read(in, name, tokens::add);
        return tokens;
    }

    /**
     * Reads every KeyPackage of {@code in} and hands each token to {@code each} as soon as it is
     * read, in file order, while the file has shown no problem. When this method throws, tokens
     * already handed over came from a file that is refused as a whole: the caller must discard
     * them (roll back its transaction). An exception thrown by {@code each} ends reading and
     * propagates.
     *
     * @return how many KeyPackages held no token (PIN keys, RFC 6030 Figure 5) and were skipped
     * @throws ImportException when anything is wrong, listing every problem found
     */
    public long read(InputStream in, String name, Consumer<ImportedToken> each) throws ImportException {
        Problems problems = new Problems(name);
        XMLStreamReader xml = null;
        boolean stoppedEarly = false;
        long[] skipped = {0};
        try {
            xml = SafeXml.open(in);
            stoppedEarly = readContainer(xml, name, problems, each, skipped);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            problems.inFile("KeyContainer", at == null ? -1 : at.getLineNumber(), "is not well-formed XML: " + reason(e));
        } catch (PskcError e) {
            problems.inFile(e.element(), xml == null ? -1 : xml.getLocation().getLineNumber(), e.getMessage());
        } finally {
            close(xml);
        }
        problems.throwIfAny(stoppedEarly);
        return skipped[0];
    }

    /** Returns true when reading stopped at the problem cap. */
    private boolean readContainer(XMLStreamReader xml, String name, Problems problems, Consumer<ImportedToken> each,
            long[] skipped)
            throws XMLStreamException, PskcError {
        ContainerCheck.root(xml);
        Optional<Protection> protection = Optional.empty();
        Optional<MacMethod> mac = Optional.empty();
        ValueDecryptor decryptor = null;
        SerialIndex serials = new SerialIndex();
        int index = 0;
        try {
            while (SafeXml.nextChild(xml)) {
                switch (xml.getLocalName()) {
                    case "EncryptionKey" -> {
                        ContainerCheck.beforePackages("EncryptionKey", index, protection.isPresent());
                        protection = Optional.of(HeaderParser.encryptionKey(xml));
                    }
                    case "MACMethod" -> {
                        ContainerCheck.beforePackages("MACMethod", index, mac.isPresent());
                        mac = Optional.of(HeaderParser.macMethod(xml));
                    }
                    case "KeyPackage" -> {
                        if (decryptor == null) {
                            decryptor = ValueDecryptor.create(new ContainerHeader(protection, mac), key);
                        }
                        RawKeyPackage raw = KeyPackageParser.parse(xml, ++index);
                        Optional<ImportedToken> token;
                        try {
                            token = new TokenMapper(decryptor).map(raw, name + ": KeyPackage " + index);
                        } catch (PskcError fatal) {
                            problems.inPackage(raw, fatal.element(), fatal.getMessage());
                            return false;
                        }
                        raw.problems.forEach(p -> problems.inPackage(raw, p.element(), p.getMessage()));
                        token.ifPresent(t -> checkUnique(t, raw, serials, problems));
                        if (problems.isEmpty()) {
                            token.ifPresent(each);
                        }
                        if (token.isEmpty() && raw.problems.isEmpty()) {
                            skipped[0]++;
                        }
                        if (problems.isFull()) {
                            return true;
                        }
                    }
                    default -> SafeXml.skip(xml);
                }
            }
        } finally {
            if (decryptor != null) {
                decryptor.close();
            }
        }
        if (index == 0) {
            problems.inFile("KeyContainer", -1, "has no KeyPackage; there is nothing to import");
        }
        return false;
    }

    private static void checkUnique(ImportedToken token, RawKeyPackage raw, SerialIndex serials, Problems problems) {
        OptionalInt earlier = serials.putIfAbsent(token.token().serial().value(), raw.index);
        if (earlier.isPresent()) {
            problems.inPackage(raw, raw.serialNo.isPresent() ? "DeviceInfo/SerialNo" : "Key@Id",
                    "serial is already used by KeyPackage " + earlier.getAsInt() + " of this file; Keyfob keeps one key per "
                    + "serial, so remove one of the two KeyPackages (or ask the vendor for distinct serials)");
        }
    }

    /** The parser's own reason without its "ParseError at [row,col]" prefix; it never quotes text content. */
    private static String reason(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return at >= 0 ? message.substring(at + "Message: ".length()).strip() : message.strip();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // Closing a reader over a stream we do not own frees parser state only; nothing to report.
            }
        }
    }
}
