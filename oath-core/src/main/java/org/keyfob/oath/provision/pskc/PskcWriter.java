package org.keyfob.oath.provision.pskc;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * Writes tokens as an RFC 6030 PSKC file whose secrets are protected by a passphrase (§6.2):
 * the key comes from PBKDF2 with HMAC-SHA256 over a random 16-byte salt, each secret is
 * encrypted with AES-256-CBC under a fresh IV, and each ciphertext carries an HMAC-SHA256
 * ValueMAC under a random MAC key that the file holds encrypted (§6.1.1). Streams with StAX:
 * memory is one KeyPackage whatever the number of tokens.
 *
 * <p>Besides the standard data (serial, manufacturer, model, issuer, algorithm, suite, response
 * length, counter, T0 as Time, step as TimeInterval, drift as TimeDrift), each Key has an
 * {@code Extensions} element ({@value #EXTENSION}) with what only Keyfob keeps: the token's
 * status and, for TOTP, the next acceptable time step, so that codes already used stay refused
 * on the new server. Other readers ignore it. Yubico OTP tokens have no PSKC algorithm and are
 * refused by {@link #write}.
 *
 * <p>Opens no files; the caller owns the stream, which {@link #close()} flushes but leaves open.
 * Not thread-safe. {@link #close()} wipes the derived keys.
 */
public final class PskcWriter implements AutoCloseable {
    /** The namespace and {@code Extensions/@definition} of Keyfob's own key data. */
    public static final String EXTENSION = "urn:keyfob:pskc:state:1";
    /** PBKDF2 iterations unless told otherwise (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String PSKC = PskcReader.NAMESPACE;
    private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
    private static final String PKCS5 = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String AES256_CBC = XENC + "aes256-cbc";
    private static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";

    private final XMLStreamWriter xml;
    private final SecureRandom random;
    private final byte[] encryptionKey;
    private final byte[] macKey = new byte[32];
    private int written;

    private PskcWriter(XMLStreamWriter xml, SecureRandom random, byte[] encryptionKey) {
        this.xml = xml;
        this.random = random;
        this.encryptionKey = encryptionKey;
        random.nextBytes(macKey);
    }

    /**
     * Starts a file on {@code out} protected by {@code passphrase} (copied; the caller wipes its
     * array) with {@code iterations} rounds of PBKDF2 (at least 1000).
     */
    public static PskcWriter passphraseProtected(OutputStream out, char[] passphrase, int iterations) throws IOException {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase must not be empty");
        }
        if (iterations < 1000) {
            throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations, was " + iterations);
        }
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] key;
        try {
            key = Ciphers.pbkdf2(passphrase, salt, iterations, 32, HashAlgorithm.SHA256);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("PBKDF2WithHmacSHA256 is in every Java 17 runtime", e);
        }
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            PskcWriter writer = new PskcWriter(xml, random, key);
            writer.header(salt, iterations);
            return writer;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the PSKC header: " + e.getMessage(), e);
        }
    }

    private void header(byte[] salt, int iterations) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("pskc", "KeyContainer", PSKC);
        xml.writeNamespace("pskc", PSKC);
        xml.writeNamespace("xenc", XENC);
        xml.writeNamespace("xenc11", XENC11);
        xml.writeNamespace("pkcs5", PKCS5);
        xml.writeNamespace("ds", DS);
        xml.writeNamespace("kf", EXTENSION);
        xml.writeAttribute("Version", "1.0");
        start(PSKC, "EncryptionKey");
        start(XENC11, "DerivedKey");
        start(XENC11, "KeyDerivationMethod");
        xml.writeAttribute("Algorithm", HeaderParser.PBKDF2);
        start(PKCS5, "PBKDF2-params");
        xml.writeStartElement("Salt");
        text("Specified", Base64.getEncoder().encodeToString(salt));
        xml.writeEndElement();
        text("IterationCount", Integer.toString(iterations));
        text("KeyLength", "32");
        xml.writeEmptyElement("PRF");
        xml.writeAttribute("Algorithm", HMAC_SHA256);
        end(2);
        text(XENC11, "MasterKeyName", "Keyfob export");
        end(2);
        start(PSKC, "MACMethod");
        xml.writeAttribute("Algorithm", HMAC_SHA256);
        start(PSKC, "MACKey");
        cipherData(encrypt(macKey));
        end(2);
        xml.writeCharacters("\n");
    }

    /**
     * Appends one KeyPackage for {@code token}.
     *
     * @throws IllegalArgumentException for a Yubico OTP token, which PSKC cannot describe
     */
    public void write(Token token, TokenDetails details) throws IOException {
        TokenKind kind = token.spec().kind();
        if (kind == TokenKind.YUBICO) {
            throw new IllegalArgumentException("token " + token.serial() + " is a Yubico OTP token; PSKC has no "
                    + "algorithm for it");
        }
        try {
            start(PSKC, "KeyPackage");
            start(PSKC, "DeviceInfo");
            optionalText(PSKC, "Manufacturer", details.manufacturer());
            text(PSKC, "SerialNo", token.serial().value());
            optionalText(PSKC, "Model", details.model());
            end(1);
            start(PSKC, "Key");
            xml.writeAttribute("Id", token.serial().value());
            xml.writeAttribute("Algorithm", algorithmUri(token));
            optionalText(PSKC, "Issuer", details.issuer());
            start(PSKC, "AlgorithmParameters");
            text(PSKC, "Suite", kind == TokenKind.OCRA ? token.spec().ocraSuite().orElseThrow()
                    : "HMAC-" + token.spec().algorithm().oathName());
            xml.writeEmptyElement("pskc", "ResponseFormat", PSKC);
            xml.writeAttribute("Length", Integer.toString(token.spec().digits()));
            xml.writeAttribute("Encoding", "DECIMAL");
            end(1);
            data(token);
            start(PSKC, "Extensions");
            xml.writeAttribute("definition", EXTENSION);
            text(EXTENSION, "Status", token.status().name());
            if (kind == TokenKind.TOTP) {
                text(EXTENSION, "NextTimeStep", Long.toString(token.state().counter()));
            }
            end(3);
            xml.writeCharacters("\n");
            written++;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write KeyPackage " + (written + 1) + ": " + e.getMessage(), e);
        }
    }

    private void data(Token token) throws XMLStreamException {
        start(PSKC, "Data");
        start(PSKC, "Secret");
        byte[] plain = token.seed().revealBytes();
        byte[] cipher;
        try {
            cipher = encrypt(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        start(PSKC, "EncryptedValue");
        cipherData(cipher);
        end(1);
        text(PSKC, "ValueMAC", Base64.getEncoder().encodeToString(mac(cipher)));
        end(1);
        if (token.spec().kind() != TokenKind.TOTP) {
            plainValue("Counter", token.state().counter());
        } else {
            plainValue("Time", token.spec().t0());
            plainValue("TimeInterval", token.spec().step().getSeconds());
            plainValue("TimeDrift", token.state().drift());
        }
        end(1);
    }

    private static String algorithmUri(Token token) {
        return switch (token.spec().kind()) {
            case HOTP -> PSKC + ":hotp";
            case TOTP -> PSKC + ":totp";
            case OCRA -> PSKC + ":ocra";
            case YUBICO -> throw new AssertionError("refused in write");
        };
    }

    /** How many KeyPackages were written. */
    public int written() {
        return written;
    }

    /** Ends the KeyContainer and flushes; wipes the keys. The stream stays open. */
    @Override
    public void close() throws IOException {
        try {
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot finish the PSKC file: " + e.getMessage(), e);
        } finally {
            Arrays.fill(encryptionKey, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
    }

    private void cipherData(byte[] cipher) throws XMLStreamException {
        xml.writeEmptyElement("xenc", "EncryptionMethod", XENC);
        xml.writeAttribute("Algorithm", AES256_CBC);
        start(XENC, "CipherData");
        text(XENC, "CipherValue", Base64.getEncoder().encodeToString(cipher));
        end(1);
    }

    private byte[] encrypt(byte[] plain) {
        try {
            return Ciphers.aesCbcEncrypt(encryptionKey, plain, random);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-256-CBC is in every Java 17 runtime", e);
        }
    }

    private byte[] mac(byte[] cipher) {
        try {
            return Ciphers.hmac(HashAlgorithm.SHA256, macKey, cipher);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is in every Java 17 runtime", e);
        }
    }

    private void plainValue(String element, long value) throws XMLStreamException {
        start(PSKC, element);
        text(PSKC, "PlainValue", Long.toString(value));
        end(1);
    }

    private void start(String namespace, String name) throws XMLStreamException {
        xml.writeStartElement(prefix(namespace), name, namespace);
    }

    private static String prefix(String namespace) {
        return switch (namespace) {
            case PSKC -> "pskc";
            case XENC -> "xenc";
            case XENC11 -> "xenc11";
            case PKCS5 -> "pkcs5";
            case DS -> "ds";
            case EXTENSION -> "kf";
            default -> throw new AssertionError(namespace);
        };
    }

    private void end(int count) throws XMLStreamException {
        for (int i = 0; i < count; i++) {
            xml.writeEndElement();
        }
    }

    private void text(String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private void text(String namespace, String name, String value) throws XMLStreamException {
        start(namespace, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private void optionalText(String namespace, String name, Optional<String> value) throws XMLStreamException {
        if (value.isPresent()) {
            text(namespace, name, value.get());
        }
    }
}
