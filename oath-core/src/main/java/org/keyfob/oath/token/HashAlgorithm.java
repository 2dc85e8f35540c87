package org.keyfob.oath.token;

import java.util.Arrays;
import java.util.Locale;

/** The HMAC hash functions OATH tokens use, with the names other systems give them. */
public enum HashAlgorithm {
    SHA1("HmacSHA1", "SHA1", 20),
    SHA256("HmacSHA256", "SHA256", 32),
    SHA512("HmacSHA512", "SHA512", 64);

    private final String jcaName;
    private final String oathName;
    private final int outputBytes;

    HashAlgorithm(String jcaName, String oathName, int outputBytes) {
        this.jcaName = jcaName;
        this.oathName = oathName;
        this.outputBytes = outputBytes;
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
