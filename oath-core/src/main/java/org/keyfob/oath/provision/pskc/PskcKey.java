package org.keyfob.oath.provision.pskc;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What the caller knows to open a PSKC file (RFC 6030 §6): nothing, the pre-shared key, the
 * passphrase, or the RSA private key. {@code toString} names the kind and never the secret.
 * Instances hold the secret until {@link #destroy()}; they are not thread-safe once destroyed.
 */
public sealed interface PskcKey {

    /** Overwrites the secret held, where it can be (an RSA {@code PrivateKey} cannot be wiped). */
    void destroy();

    /** The file is plain; an encrypted value in it is an error. */
    static PskcKey none() {
        return None.INSTANCE;
    }

    /** A pre-shared AES key (16, 24 or 32 bytes); the bytes are copied. */
    static PskcKey preShared(byte[] key) {
        return new PreShared(key);
    }

    /** A passphrase for PBKDF2 key derivation (RFC 6030 §6.2); the characters are copied. */
    static PskcKey passphrase(char[] passphrase) {
        return new Passphrase(passphrase);
    }

    /** An RSA private key matching the certificate the file was encrypted for (RFC 6030 §6.3). */
    static PskcKey rsa(PrivateKey key) {
        return new Rsa(key);
    }

    /**
     * Reads an unencrypted PKCS#8 RSA key in PEM ({@code -----BEGIN PRIVATE KEY-----}). Other
     * forms (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, encrypted PKCS#8) are refused: convert them with
     * {@code openssl pkcs8 -topk8 -nocrypt}.
     *
     * @throws IllegalArgumentException saying what was found, never the key material
     */
    static PskcKey rsaFromPem(String pem) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected an unencrypted PKCS#8 key (" + begin
                    + "); convert other forms with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = null;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            return rsa(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the PEM block is not a PKCS#8 RSA private key");
        } finally {
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    /** No key: for plain files. */
    final class None implements PskcKey {
        private static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public void destroy() {
        }

        @Override
        public String toString() {
            return "PskcKey.None";
        }
    }

    /** A pre-shared symmetric key. */
    final class PreShared implements PskcKey {
        private final byte[] key;

        private PreShared(byte[] key) {
            if (key.length == 0) {
                throw new IllegalArgumentException("the pre-shared key must not be empty");
            }
            this.key = key.clone();
        }

        /** A copy of the key bytes; every caller is a place the secret leaves this type. */
        byte[] revealBytes() {
            return key.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
        }

        @Override
        public String toString() {
            return "PskcKey.PreShared[" + key.length + " bytes]";
        }
    }

    /** A passphrase for PBKDF2. */
    final class Passphrase implements PskcKey {
        private final char[] passphrase;

        private Passphrase(char[] passphrase) {
            if (passphrase.length == 0) {
                throw new IllegalArgumentException("the passphrase must not be empty");
            }
            this.passphrase = passphrase.clone();
        }

        /** A copy of the passphrase; every caller is a place the secret leaves this type. */
        char[] revealChars() {
            return passphrase.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(passphrase, '\0');
        }

        @Override
        public String toString() {
            return "PskcKey.Passphrase[hidden]";
        }
    }

    /** An RSA private key. */
    final class Rsa implements PskcKey {
        private final PrivateKey key;

        private Rsa(PrivateKey key) {
            this.key = Objects.requireNonNull(key, "key");
            if (!"RSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("expected an RSA private key, got " + key.getAlgorithm());
            }
        }

        PrivateKey privateKey() {
            return key;
        }

        @Override
        public void destroy() {
        }

        @Override
        public String toString() {
            return "PskcKey.Rsa[hidden]";
        }
    }
}
