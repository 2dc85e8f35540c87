package org.keyfob.oath.provision.pskc;

import java.util.Base64;
import java.util.Optional;

/**
 * An xenc {@code EncryptedValue} or {@code MACKey} as written: the algorithm URI, the base64
 * {@code CipherValue} (IV first, for CBC) and, for RSA-OAEP, the {@code DigestMethod} URI.
 * Ciphertext only, so it may be kept in a record and printed.
 */
record EncryptedData(String algorithm, String cipherValue, Optional<String> digestMethod) {

    /** The ciphertext bytes; the caller has checked the value is base64 via {@link #check}. */
    byte[] cipherBytes() {
        return Base64.getMimeDecoder().decode(cipherValue);
    }

    /** Reports an empty or non-base64 CipherValue, naming {@code element}. */
    EncryptedData check(String element) throws PskcError {
        try {
            if (cipherBytes().length == 0) {
                throw new PskcError(element, "CipherValue is empty");
            }
        } catch (IllegalArgumentException e) {
            throw new PskcError(element, "CipherValue is not base64");
        }
        return this;
    }
}
