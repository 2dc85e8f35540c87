package org.keyfob.oath.provision.pskc;

import java.util.Arrays;
import java.util.Optional;

/**
 * The xmlenc algorithms Keyfob decrypts (XML Encryption 1.0 §5 and 1.1 §5.4, as RFC 6030 §6
 * uses them). The {@code kw-aes*} URIs take both RFC 3394 and RFC 5649 (padded) wrapping, as
 * some writers pad under the plain URI whenever the secret is not a multiple of 8 bytes: the
 * integrity check of each tells them apart, so this is not a guess.
 */
enum EncryptionAlgorithm {
    AES128_CBC("http://www.w3.org/2001/04/xmlenc#aes128-cbc", Kind.AES_CBC, 16),
    AES192_CBC("http://www.w3.org/2001/04/xmlenc#aes192-cbc", Kind.AES_CBC, 24),
    AES256_CBC("http://www.w3.org/2001/04/xmlenc#aes256-cbc", Kind.AES_CBC, 32),
    KW_AES128("http://www.w3.org/2001/04/xmlenc#kw-aes128", Kind.AES_KEY_WRAP, 16),
    KW_AES192("http://www.w3.org/2001/04/xmlenc#kw-aes192", Kind.AES_KEY_WRAP, 24),
    KW_AES256("http://www.w3.org/2001/04/xmlenc#kw-aes256", Kind.AES_KEY_WRAP, 32),
    KW_AES128_PAD("http://www.w3.org/2009/xmlenc11#kw-aes-128-pad", Kind.AES_KEY_WRAP, 16),
    KW_AES192_PAD("http://www.w3.org/2009/xmlenc11#kw-aes-192-pad", Kind.AES_KEY_WRAP, 24),
    KW_AES256_PAD("http://www.w3.org/2009/xmlenc11#kw-aes-256-pad", Kind.AES_KEY_WRAP, 32),
    RSA_1_5("http://www.w3.org/2001/04/xmlenc#rsa-1_5", Kind.RSA_PKCS1, 0),
    RSA_OAEP_MGF1P("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p", Kind.RSA_OAEP, 0);

    /** How the ciphertext is opened. */
    enum Kind { AES_CBC, AES_KEY_WRAP, RSA_PKCS1, RSA_OAEP }

    private final String uri;
    private final Kind kind;
    private final int keyBytes;

    EncryptionAlgorithm(String uri, Kind kind, int keyBytes) {
        this.uri = uri;
        this.kind = kind;
        this.keyBytes = keyBytes;
    }

    /**
     * The algorithm a URI names. RFC 6030 Figure 8 writes {@code rsa_1_5} with an underscore where
     * XML Encryption has {@code rsa-1_5}; both mean the same, so both are taken.
     */
    static Optional<EncryptionAlgorithm> of(String uri) {
        String normalised = uri.strip().equals("http://www.w3.org/2001/04/xmlenc#rsa_1_5")
                ? RSA_1_5.uri : uri.strip();
        return Arrays.stream(values()).filter(a -> a.uri.equals(normalised)).findFirst();
    }

    /** The short name for messages, e.g. {@code aes128-cbc}. */
    String shortName() {
        return uri.substring(uri.indexOf('#') + 1);
    }

    Kind kind() {
        return kind;
    }

    /** The AES key length in bytes; 0 for RSA. */
    int keyBytes() {
        return keyBytes;
    }

    boolean isRsa() {
        return kind == Kind.RSA_PKCS1 || kind == Kind.RSA_OAEP;
    }
}
