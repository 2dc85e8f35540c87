package org.keyfob.oath.provision.pskc;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.KeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * The JCA operations PSKC needs, on plain byte arrays. Stateless; every failure, a wrong key
 * included, is a {@link GeneralSecurityException} for the caller to word.
 */
final class Ciphers {
    private static final int AES_BLOCK = 16;

    private Ciphers() {
    }

    /** AES-CBC with PKCS#7 padding, the IV being the first block (XML Encryption §5.2). */
    static byte[] aesCbc(byte[] key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        if (ivAndCiphertext.length < 2 * AES_BLOCK || ivAndCiphertext.length % AES_BLOCK != 0) {
            throw new GeneralSecurityException("not an IV followed by whole AES blocks");
        }
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new IvParameterSpec(ivAndCiphertext, 0, AES_BLOCK));
        return cipher.doFinal(ivAndCiphertext, AES_BLOCK, ivAndCiphertext.length - AES_BLOCK);
    }

    /** AES-CBC with PKCS#7 padding under a fresh IV, returned first (XML Encryption §5.2). */
    static byte[] aesCbcEncrypt(byte[] key, byte[] plain, java.security.SecureRandom random)
            throws GeneralSecurityException {
        byte[] iv = new byte[AES_BLOCK];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] body = cipher.doFinal(plain);
        byte[] out = Arrays.copyOf(iv, AES_BLOCK + body.length);
        System.arraycopy(body, 0, out, AES_BLOCK, body.length);
        return out;
    }

    /**
     * AES key unwrap: RFC 3394, else RFC 5649 with padding. Each checks its own integrity value,
     * so at most one succeeds for a given key and ciphertext.
     */
    static byte[] aesUnwrap(byte[] key, byte[] wrapped) throws GeneralSecurityException {
        if (wrapped.length % 8 != 0 || wrapped.length < 16) {
            throw new GeneralSecurityException("not a whole number of 64-bit blocks");
        }
        try {
            return unwrap("AESWrap", key, wrapped);
        } catch (GeneralSecurityException notRfc3394) {
            return unwrap("AESWrapPad", key, wrapped);
        }
    }

    private static byte[] unwrap(String transformation, byte[] key, byte[] wrapped) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(wrapped);
    }

    /** RSA decryption: PKCS#1 v1.5 or OAEP with SHA-1 and MGF1-SHA-1 (xmlenc rsa-oaep-mgf1p). */
    static byte[] rsa(PrivateKey key, byte[] ciphertext, boolean oaep) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(oaep ? "RSA/ECB/OAEPWithSHA-1AndMGF1Padding" : "RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.DECRYPT_MODE, key);
        return cipher.doFinal(ciphertext);
    }

    /** PBKDF2 (RFC 8018 §5.2); the passphrase is encoded as UTF-8 by the JCA. */
    static byte[] pbkdf2(char[] passphrase, byte[] salt, int iterations, int keyBytes, HashAlgorithm prf)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, keyBytes * 8);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2With" + prf.jcaName());
            return factory.generateSecret((KeySpec) spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    /** HMAC of {@code data} under {@code key}. */
    static byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.jcaName());
        mac.init(new SecretKeySpec(key, algorithm.jcaName()));
        return mac.doFinal(data);
    }

    static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
