package org.keyfob.oath.engine;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.keyfob.oath.codec.ModHex;

/**
 * Test-only: builds Yubico OTPs the way a YubiKey does, so tests can make OTPs with any field
 * values. Its block layout and encryption are checked against the published vectors in
 * {@code YubicoOtpVectorTest}, which is what lets the other tests trust it.
 */
public final class YubicoOtpTestEncoder {
    private YubicoOtpTestEncoder() {
    }

    /** The OTP a key programmed with {@code aesKey}, {@code privateId} types for these fields. */
    public static String encode(byte[] aesKey, byte[] privateId, String publicId, YubicoPayload fields) {
        return publicId + ModHex.encode(encrypt(aesKey, block(privateId, fields)));
    }

    /**
     * The 16-byte plaintext: private id, then the fields little-endian, then the one's complement
     * of the CRC-16 of the first 14 bytes, which makes the CRC over all 16 come out at the residual.
     */
    static byte[] block(byte[] privateId, YubicoPayload fields) {
        byte[] block = new byte[16];
        System.arraycopy(privateId, 0, block, 0, 6);
        int counterField = fields.useCounter() | (fields.capsLockTriggered() ? 0x8000 : 0);
        putLittleEndian(block, 6, 2, counterField);
        putLittleEndian(block, 8, 3, fields.timestamp());
        block[11] = (byte) fields.sessionCounter();
        putLittleEndian(block, 12, 2, fields.random());
        int crc = ~YubicoOtp.crc16(Arrays.copyOf(block, 14)) & 0xffff;
        putLittleEndian(block, 14, 2, crc);
        return block;
    }

    static byte[] encrypt(byte[] aesKey, byte[] block) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-128 is in every Java 17 runtime", e);
        }
    }

    private static void putLittleEndian(byte[] block, int offset, int length, int value) {
        for (int i = 0; i < length; i++) {
            block[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
