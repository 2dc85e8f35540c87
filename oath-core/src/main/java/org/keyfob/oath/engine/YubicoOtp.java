package org.keyfob.oath.engine;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.keyfob.oath.codec.ModHex;
import org.keyfob.oath.engine.YubicoDecode.Invalid;
import org.keyfob.oath.engine.YubicoDecode.Reason;
import org.keyfob.oath.engine.YubicoDecode.Valid;
import org.keyfob.oath.token.Seed;

/**
 * Yubico OTP decoding. A YubiKey types {@code publicId + ciphertext} in modhex: a public identity
 * of 0 to 16 bytes (usually 6, so 12 characters) naming the token in clear, then 32 characters
 * encoding one AES-128 block. The block holds, little-endian: private identity (6 bytes), usage
 * counter (2), timestamp (3), session counter (1), random (2), and a CRC-16 (2) over the rest.
 *
 * <p>Keyfob keeps a Yubico token's secret as one {@link Seed} of {@value #SECRET_BYTES} bytes:
 * the AES key, then the private identity ({@link #secret} builds one). Decoding checks the CRC
 * and the private identity; it does not look at counters: replay protection is the verifier's
 * job, with {@link YubicoPayload#monotonicCounter()}. The public identity is not covered by the
 * cipher, so the caller must use it only to look the token up.
 *
 * <p>Stateless and thread safe. Upper-case input (caps lock on) is read as lower case. Keyboard
 * layouts that move the modhex letters (Dvorak) are out of scope and come out {@code MALFORMED}.
 *
 * @see <a href="https://developers.yubico.com/OTP/OTPs_Explained.html">Yubico: OTPs Explained</a>
 */
public final class YubicoOtp {
    /** Length of the AES-128 key. */
    public static final int AES_KEY_BYTES = 16;
    /** Length of the private identity (uid) inside every OTP. */
    public static final int PRIVATE_ID_BYTES = 6;
    /** Length of the secret Keyfob stores: the AES key followed by the private identity. */
    public static final int SECRET_BYTES = AES_KEY_BYTES + PRIVATE_ID_BYTES;
    /** Modhex characters of the encrypted block at the end of every OTP. */
    public static final int CIPHERTEXT_CHARS = 32;
    /** Most modhex characters of public identity (16 bytes). */
    public static final int MAX_PUBLIC_ID_CHARS = 32;

    /** CRC-16 of a block that ends in its own (complemented, little-endian) CRC. */
    static final int CRC_RESIDUAL = 0xf0b8;

    private YubicoOtp() {
    }

    /**
     * Decrypts and checks {@code otp} under a token's secret.
     *
     * @param otp the OTP as typed, public identity included
     * @param secret the token's {@value #SECRET_BYTES}-byte secret; see {@link #secret}
     * @return {@link Valid} with the token's counters, or {@link Invalid} with the reason
     * @throws IllegalArgumentException if {@code secret} is not {@value #SECRET_BYTES} bytes long
     */
    public static YubicoDecode decode(String otp, Seed secret) {
        Objects.requireNonNull(otp, "otp");
        Objects.requireNonNull(secret, "secret");
        if (secret.length() != SECRET_BYTES) {
            throw new IllegalArgumentException("a Yubico OTP secret is " + SECRET_BYTES
                    + " bytes (" + AES_KEY_BYTES + "-byte AES key, then " + PRIVATE_ID_BYTES
                    + "-byte private identity), this one is " + secret.length());
        }
        if (!looksLikeYubicoOtp(otp)) {
            return new Invalid(Reason.MALFORMED);
        }
        String folded = foldCase(otp);
        byte[] ciphertext = ModHex.decode(folded.substring(folded.length() - CIPHERTEXT_CHARS));
        byte[] key = secret.revealBytes();
        byte[] block = null;
        try {
            block = decrypt(ciphertext, key);
            // Both checks always run, so the time taken does not tell which one failed.
            boolean crcHolds = crc16(block) == CRC_RESIDUAL;
            boolean idMatches = MessageDigest.isEqual(
                    Arrays.copyOfRange(block, 0, PRIVATE_ID_BYTES),
                    Arrays.copyOfRange(key, AES_KEY_BYTES, SECRET_BYTES));
            if (!crcHolds) {
                return new Invalid(Reason.BAD_CRC);
            }
            return idMatches ? new Valid(payload(block)) : new Invalid(Reason.WRONG_PRIVATE_ID);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (block != null) {
                Arrays.fill(block, (byte) 0);
            }
        }
    }

    /**
     * A secret for {@link #decode}: {@code aesKey} ({@value #AES_KEY_BYTES} bytes) followed by
     * {@code privateId} ({@value #PRIVATE_ID_BYTES} bytes), as a YubiKey is programmed with them.
     *
     * @throws IllegalArgumentException naming the part of the wrong length (not its bytes)
     */
    public static Seed secret(byte[] aesKey, byte[] privateId) {
        if (aesKey.length != AES_KEY_BYTES || privateId.length != PRIVATE_ID_BYTES) {
            throw new IllegalArgumentException("a Yubico OTP secret needs a " + AES_KEY_BYTES
                    + "-byte AES key and a " + PRIVATE_ID_BYTES + "-byte private identity, got "
                    + aesKey.length + " and " + privateId.length + " bytes");
        }
        byte[] joined = Arrays.copyOf(aesKey, SECRET_BYTES);
        System.arraycopy(privateId, 0, joined, AES_KEY_BYTES, PRIVATE_ID_BYTES);
        try {
            return Seed.of(joined);
        } finally {
            Arrays.fill(joined, (byte) 0);
        }
    }

    /**
     * The public identity: everything before the last {@value #CIPHERTEXT_CHARS} characters, in
     * lower case; empty for a token configured without one.
     *
     * @throws IllegalArgumentException if {@code otp} does not {@link #looksLikeYubicoOtp look
     *     like a Yubico OTP}; the message gives its length, never its characters
     */
    public static String publicId(String otp) {
        if (!looksLikeYubicoOtp(otp)) {
            throw new IllegalArgumentException("not a Yubico OTP: expected an even number of "
                    + CIPHERTEXT_CHARS + " to " + (CIPHERTEXT_CHARS + MAX_PUBLIC_ID_CHARS)
                    + " modhex characters, got " + otp.length() + " characters");
        }
        return foldCase(otp.substring(0, otp.length() - CIPHERTEXT_CHARS));
    }

    /**
     * Whether {@code s} has the shape of a Yubico OTP: an even number of 32 to 64 modhex
     * characters, in either case. A YubiKey with the usual 6-byte public identity types 44. Says
     * nothing about whether any key decrypts it; meant for telling an OTP from a PIN or password.
     */
    public static boolean looksLikeYubicoOtp(String s) {
        int length = s.length();
        return length >= CIPHERTEXT_CHARS && length <= CIPHERTEXT_CHARS + MAX_PUBLIC_ID_CHARS
                && ModHex.isModHex(foldCase(s));
    }

    /**
     * The CRC-16 Yubico uses (ISO/IEC 13239: initial value 0xffff, reflected polynomial 0x8408,
     * no final complement). Over a whole OTP block, one that is intact gives {@link #CRC_RESIDUAL}.
     */
    static int crc16(byte[] data) {
        int crc = 0xffff;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc;
    }

    private static YubicoPayload payload(byte[] block) {
        int counterField = littleEndian(block, 6, 2);
        return new YubicoPayload(counterField & YubicoPayload.MAX_USE_COUNTER,
                (counterField & 0x8000) != 0, littleEndian(block, 8, 3), block[11] & 0xff,
                littleEndian(block, 12, 2));
    }

    private static int littleEndian(byte[] block, int offset, int length) {
        int value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (block[offset + i] & 0xff);
        }
        return value;
    }

    private static byte[] decrypt(byte[] ciphertext, byte[] secret) {
        try {
            // ECB is the format: a YubiKey encrypts exactly one block, never the same one twice.
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, 0, AES_KEY_BYTES, "AES"));
            return aes.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("every Java 17 runtime provides AES/ECB/NoPadding with "
                    + "128-bit keys, and the block is exactly 16 bytes", e);
        }
    }

    /** ASCII-only lower-casing, so no locale or Unicode rule can change the length. */
    private static String foldCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
