package org.keyfob.oath.provision.pskc;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.keyfob.oath.provision.pskc.ContainerHeader.Pbkdf2;

/**
 * The AES key for a file: the caller's pre-shared key, or the key PBKDF2 derives from the
 * caller's passphrase (RFC 6030 §6.2), derived once and kept until {@link #close()}.
 */
final class SymmetricKey implements AutoCloseable {
    private final PskcKey key;
    private final Optional<Pbkdf2> pbkdf2;
    private byte[] derived;

    SymmetricKey(PskcKey key, Optional<Pbkdf2> pbkdf2) {
        this.key = key;
        this.pbkdf2 = pbkdf2;
    }

    /** The key bytes for {@code algorithm}, owned by this object: callers must not wipe them. */
    byte[] forAlgorithm(EncryptionAlgorithm algorithm, String element) throws PskcError, GeneralSecurityException {
        byte[] bytes;
        if (key instanceof PskcKey.PreShared preShared) {
            bytes = derived != null ? derived : preShared.revealBytes();
        } else if (key instanceof PskcKey.Passphrase passphrase) {
            bytes = derived != null ? derived : derive(passphrase, algorithm, element);
        } else {
            throw PskcError.fatal(element, "is encrypted with " + algorithm.shortName()
                    + ", which needs a pre-shared key or a passphrase, but " + (key instanceof PskcKey.Rsa
                    ? "an RSA private key" : "no key") + " was given");
        }
        derived = bytes;
        if (bytes.length != algorithm.keyBytes()) {
            throw PskcError.fatal(element, "is encrypted with " + algorithm.shortName() + ", which needs a "
                    + algorithm.keyBytes() + "-byte key, but the " + (key instanceof PskcKey.Passphrase
                    ? "PBKDF2 KeyLength gives " : "pre-shared key has ") + bytes.length + " bytes");
        }
        return bytes;
    }

    private byte[] derive(PskcKey.Passphrase passphrase, EncryptionAlgorithm algorithm, String element)
            throws PskcError, GeneralSecurityException {
        Pbkdf2 params = pbkdf2.orElseThrow(() -> PskcError.fatal(element,
                "a passphrase was given but the file has no EncryptionKey/DerivedKey with PBKDF2 parameters"));
        char[] chars = passphrase.revealChars();
        try {
            return Ciphers.pbkdf2(chars, Base64.getMimeDecoder().decode(params.salt()), params.iterations(),
                    params.keyLength().orElse(algorithm.keyBytes()), params.prf());
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    @Override
    public void close() {
        Ciphers.wipe(derived);
    }
}
