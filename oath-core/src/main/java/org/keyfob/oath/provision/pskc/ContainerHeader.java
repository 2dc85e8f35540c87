package org.keyfob.oath.provision.pskc;

import java.util.Optional;
import java.util.OptionalInt;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * What comes before the first KeyPackage (RFC 6030 §6, §6.1.1): how values are protected and
 * the MAC that guards them.
 *
 * @param protection the EncryptionKey element, if any
 * @param mac the MACMethod element, if any
 */
record ContainerHeader(Optional<Protection> protection, Optional<MacMethod> mac) {
    static final ContainerHeader PLAIN = new ContainerHeader(Optional.empty(), Optional.empty());

    /** How the file says its encryption key is found. */
    enum Mode {
        /** ds:KeyName: a key the sender and receiver agreed on (RFC 6030 §6.1). */
        PRE_SHARED,
        /** xenc11:DerivedKey with PBKDF2: from a passphrase (RFC 6030 §6.2). */
        PASSPHRASE,
        /** ds:X509Data: to the holder of a certificate's private key (RFC 6030 §6.3). */
        CERTIFICATE
    }

    /** The EncryptionKey: its mode, its name if given, and the PBKDF2 parameters for PASSPHRASE. */
    record Protection(Mode mode, Optional<String> keyName, Optional<Pbkdf2> pbkdf2) {
    }

    /**
     * PKCS #5 v2.0 PBKDF2-params (RFC 8018 §A.2).
     *
     * @param salt the specified salt, base64 as written
     * @param iterations iteration count, at least 1
     * @param keyLength derived key length in bytes, or empty to take the cipher's
     * @param prf the HMAC used as pseudo-random function; HMAC-SHA1 when the file names none
     */
    record Pbkdf2(String salt, int iterations, OptionalInt keyLength, HashAlgorithm prf) {
    }

    /** MACMethod: the HMAC over every encrypted value and the MAC key, encrypted like the values. */
    record MacMethod(HashAlgorithm algorithm, EncryptedData macKey) {
    }
}
