package org.keyfob.oath.token;

import java.util.Arrays;
import java.util.Locale;

/** The HMAC hash functions OATH tokens use, with the names other systems give them. */
public enum HashAlgorithm {
    SHA1("HmacSHA1", "SHA1", "SHA-1", 20, 64),
    SHA256("HmacSHA256", "SHA256", "SHA-256", 32, 64),
    SHA512("HmacSHA512", "SHA512", "SHA-512", 64, 128);

    private final String jcaName;
    private final String oathName;
    private final String digestName;
    private final int outputBytes;
    private final int blockBytes;

    HashAlgorithm(String jcaName, String oathName, String digestName, int outputBytes, int blockBytes) {
        this.jcaName = jcaName;
        this.oathName = oathName;
        this.digestName = digestName;
        this.outputBytes = outputBytes;
        this.blockBytes = blockBytes;
    }

    /** The JCA {@code MessageDigest} name, e.g. {@code SHA-256}. */
    public String digestName() {
        return digestName;
    }

    /** The hash's block size in bytes, which HMAC pads the key to (RFC 2104 §2). */
    public int blockBytes() {
        return blockBytes;
    }

    /** The JCA {@code Mac} algorithm name, e.g. {@code HmacSHA256}. */
    public String jcaName() {
        return jcaName;
    }

    /** The name used in OCRA suites and otpauth URIs, e.g. {@code SHA256}. */
    public String oathName() {
        return oathName;
    }

    /** Length of the HMAC output in bytes; also the natural seed length (RFC 6238 §1.2). */
    public int outputBytes() {
        return outputBytes;
    }

    /**
     * Parses {@code SHA1}, {@code SHA-256}, {@code sha512}, {@code HmacSHA1} and the like.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static HashAlgorithm parse(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace("-", "");
        if (n.startsWith("HMAC")) {
            n = n.substring(4);
        }
        for (HashAlgorithm a : values()) {
            if (a.oathName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("hash algorithm \"" + name + "\" is not one of "
                + Arrays.toString(values()));
    }
}
