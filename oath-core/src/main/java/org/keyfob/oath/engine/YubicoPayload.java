package org.keyfob.oath.engine;

/**
 * The fields of a decrypted Yubico OTP, minus the private identity (checked, then dropped) and the
 * CRC. Ranges are those of the token's fields; the compact constructor rejects anything outside.
 *
 * @param useCounter the non-volatile usage counter, 0 to 0x7fff: raised by one at each power-up
 *     (and when {@code sessionCounter} wraps), it stops at 0x7fff. The top bit of the 16-bit
 *     field on the token is not part of it; see {@code capsLockTriggered}.
 * @param capsLockTriggered the top bit of the token's 16-bit counter field, which yubico-c's
 *     {@code yubikey_capslock()} reads as "triggered by caps lock"; it says nothing about order
 * @param timestamp the token's 8 Hz timer, 0 to 0xffffff, started at a random value at power-up
 *     and wrapping; not wall-clock time, only comparable within one session
 * @param sessionCounter OTPs generated since power-up, 0 to 0xff
 * @param random a random number the token mixes in, 0 to 0xffff
 * @see <a href="https://developers.yubico.com/OTP/OTPs_Explained.html">Yubico: OTPs Explained</a>
 */
public record YubicoPayload(int useCounter, boolean capsLockTriggered, int timestamp,
        int sessionCounter, int random) {

    /** The largest {@link #useCounter()}; a token that reaches it stops counting up. */
    public static final int MAX_USE_COUNTER = 0x7fff;

    public YubicoPayload {
        check("useCounter", useCounter, MAX_USE_COUNTER);
        check("timestamp", timestamp, 0xff_ffff);
        check("sessionCounter", sessionCounter, 0xff);
        check("random", random, 0xffff);
    }

    /**
     * {@code useCounter * 256 + sessionCounter}: every OTP a key emits has a larger value than the
     * one before, so the verifier accepts an OTP only if this exceeds the value it stored last, and
     * then stores this one (replay protection). Range 0 to 0x7fffff.
     *
     * <p>The one exception is a worn-out token: once {@code useCounter} sits at
     * {@link #MAX_USE_COUNTER}, a new session starts again from a low session counter and its
     * OTPs are rejected as replays. Yubico puts that at 18 years of use five times a day.
     */
    public long monotonicCounter() {
        return (long) useCounter << 8 | sessionCounter;
    }

    private static void check(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + max + ", was " + value);
        }
    }
}
