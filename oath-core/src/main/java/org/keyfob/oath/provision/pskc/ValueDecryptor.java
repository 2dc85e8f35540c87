package org.keyfob.oath.provision.pskc;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.keyfob.oath.provision.pskc.ContainerHeader.MacMethod;
import org.keyfob.oath.provision.pskc.ContainerHeader.Mode;
import org.keyfob.oath.provision.pskc.ContainerHeader.Protection;

/**
 * Opens encrypted values (RFC 6030 §6): checks the ValueMAC over the ciphertext, IV included,
 * before decrypting anything, then decrypts with the caller's key. A failure before any value
 * has passed means the key is wrong, which every later value would repeat, so it is fatal.
 * Not thread-safe: one per file. {@link #close()} wipes the keys it derived.
 */
final class ValueDecryptor implements AutoCloseable {
    private final PskcKey key;
    private final Optional<Protection> protection;
    private final Optional<MacMethod> mac;
    private final SymmetricKey symmetric;
    private byte[] macKey;
    private boolean anyPassed;

    private ValueDecryptor(ContainerHeader header, PskcKey key) {
        this.key = key;
        this.protection = header.protection();
        this.mac = header.mac();
        this.symmetric = new SymmetricKey(key, protection.flatMap(Protection::pbkdf2));
    }

    /** Checks the caller's key fits the file and opens the MAC key; problems here are fatal. */
    static ValueDecryptor create(ContainerHeader header, PskcKey key) throws PskcError {
        ValueDecryptor decryptor = new ValueDecryptor(header, key);
        decryptor.checkKeyKind();
        if (decryptor.mac.isPresent()) {
            try {
                decryptor.macKey = decryptor.open(decryptor.mac.get().macKey(), "MACMethod/MACKey");
            } catch (PskcError e) {
                throw PskcError.fatal(e.element(), e.getMessage());
            }
        }
        return decryptor;
    }

    private void checkKeyKind() throws PskcError {
        if (protection.isEmpty()) {
            return;
        }
        Mode mode = protection.get().mode();
        boolean fits = switch (mode) {
            case PRE_SHARED -> key instanceof PskcKey.PreShared;
            case PASSPHRASE -> key instanceof PskcKey.Passphrase;
            case CERTIFICATE -> key instanceof PskcKey.Rsa;
        };
        if (!fits) {
            String needs = switch (mode) {
                case PRE_SHARED -> "the pre-shared key" + protection.get().keyName().map(n -> " named \"" + n + "\"").orElse("");
                case PASSPHRASE -> "a passphrase (PBKDF2)";
                case CERTIFICATE -> "the RSA private key of the certificate it was encrypted for";
            };
            throw PskcError.fatal("EncryptionKey", "the file is encrypted and needs " + needs + ", but "
                    + (key instanceof PskcKey.None ? "no key" : describe(key)) + " was given");
        }
    }

    /** Decrypts {@code value}'s EncryptedValue after checking its ValueMAC. The caller wipes the result. */
    byte[] decrypt(DataValue value) throws PskcError {
        EncryptedData data = value.encrypted().orElseThrow(() -> new AssertionError("plain value " + value.element()));
        String element = value.element() + "/EncryptedValue";
        EncryptionAlgorithm algorithm = algorithm(data, element);
        if (macKey != null) {
            checkMac(data, value.valueMac(), value.element() + "/ValueMAC");
        } else if (value.valueMac().isPresent()) {
            throw new PskcError(value.element() + "/ValueMAC", "is given but the file has no MACMethod to check it with");
        } else if (algorithm.kind() == EncryptionAlgorithm.Kind.AES_CBC) {
            throw PskcError.fatal(element, "is " + algorithm.shortName() + " without a MAC, so a wrong key or an "
                    + "altered file could not be detected (RFC 6030 §6.1.1 asks for MACMethod with CBC); "
                    + "ask the vendor for a file with MACMethod and ValueMAC");
        }
        byte[] plain = open(data, element);
        anyPassed = true;
        return plain;
    }

    private void checkMac(EncryptedData data, Optional<String> valueMac, String element) throws PskcError {
        if (valueMac.isEmpty()) {
            throw new PskcError(element, "is missing; the file has a MACMethod, so every encrypted value needs one");
        }
        byte[] expected;
        try {
            expected = Base64.getMimeDecoder().decode(valueMac.get());
        } catch (IllegalArgumentException e) {
            throw new PskcError(element, "is not base64");
        }
        byte[] actual;
        try {
            actual = Ciphers.hmac(mac.get().algorithm(), macKey, data.cipherBytes());
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HMAC with a decrypted key cannot fail", e);
        }
        if (!MessageDigest.isEqual(actual, expected)) {
            failure(element, "MAC check failed: wrong " + keyWord() + " or altered file");
        }
        anyPassed = true;
    }

    private byte[] open(EncryptedData data, String element) throws PskcError {
        EncryptionAlgorithm algorithm = algorithm(data, element);
        try {
            if (algorithm.isRsa()) {
                if (!(key instanceof PskcKey.Rsa rsa)) {
                    throw PskcError.fatal(element, "is " + algorithm.shortName() + ", which needs an RSA private key, but "
                            + describe(key) + " was given");
                }
                checkDigest(data, algorithm, element);
                return Ciphers.rsa(rsa.privateKey(), data.cipherBytes(), algorithm.kind() == EncryptionAlgorithm.Kind.RSA_OAEP);
            }
            byte[] aesKey = symmetric.forAlgorithm(algorithm, element);
            return algorithm.kind() == EncryptionAlgorithm.Kind.AES_CBC
                    ? Ciphers.aesCbc(aesKey, data.cipherBytes())
                    : Ciphers.aesUnwrap(aesKey, data.cipherBytes());
        } catch (GeneralSecurityException e) {
            failure(element, "cannot be decrypted with " + algorithm.shortName() + ": wrong " + keyWord() + " or altered file");
            throw new AssertionError("unreachable");
        }
    }

    private static void checkDigest(EncryptedData data, EncryptionAlgorithm algorithm, String element) throws PskcError {
        Optional<String> digest = data.digestMethod().map(String::strip);
        if (algorithm.kind() == EncryptionAlgorithm.Kind.RSA_OAEP && digest.isPresent()
                && !digest.get().equals("http://www.w3.org/2000/09/xmldsig#sha1")) {
            throw new PskcError(element + "/EncryptionMethod/DigestMethod", "\"" + digest.get()
                    + "\" is not supported with rsa-oaep-mgf1p; only SHA-1 is");
        }
    }

    private static EncryptionAlgorithm algorithm(EncryptedData data, String element) throws PskcError {
        return EncryptionAlgorithm.of(data.algorithm()).orElseThrow(() -> new PskcError(element + "/EncryptionMethod",
                "algorithm \"" + data.algorithm() + "\" is not supported; Keyfob reads aes128/192/256-cbc, "
                        + "kw-aes128/192/256 (with or without RFC 5649 padding), rsa-1_5 and rsa-oaep-mgf1p"));
    }

    /** Fatal until a first value has passed: a wrong key fails every value alike. */
    private void failure(String element, String message) throws PskcError {
        throw anyPassed ? new PskcError(element, message) : PskcError.fatal(element, message);
    }

    private String keyWord() {
        return key instanceof PskcKey.Passphrase ? "passphrase"
                : key instanceof PskcKey.Rsa ? "RSA private key" : "pre-shared key";
    }

    private static String describe(PskcKey key) {
        return key instanceof PskcKey.Passphrase ? "a passphrase"
                : key instanceof PskcKey.Rsa ? "an RSA private key"
                : key instanceof PskcKey.PreShared ? "a pre-shared key" : "no key";
    }

    @Override
    public void close() {
        Ciphers.wipe(macKey);
        symmetric.close();
    }
}
