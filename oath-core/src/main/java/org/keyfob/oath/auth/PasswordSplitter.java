package org.keyfob.oath.auth;

import java.util.Optional;

/**
 * Splits a User-Password into PIN and code for one token, whose code length is known: 6 to 8
 * digits for HOTP and TOTP, 32 to 64 modhex characters for a Yubico OTP (a YubiKey types 44).
 * The PIN part may be empty; whether that is allowed is the PIN check's business.
 */
public final class PasswordSplitter {
    private PasswordSplitter() {
    }

    /** A password split for one token. {@code toString} hides both parts. */
    public record Split(String pin, String code) {
        @Override
        public String toString() {
            return "Split[pin " + pin.length() + " chars, code " + code.length() + " chars]";
        }
    }

    /**
     * Splits {@code password} with a code of {@code codeLength} characters; empty if the password is
     * shorter than the code. In {@link PasswordMode#OTP} the whole password is the code, and in
     * {@link PasswordMode#CHALLENGE} the whole password is the PIN (the code comes next request).
     */
    public static Optional<Split> split(String password, PasswordMode mode, int codeLength) {
        return switch (mode) {
            case PIN_OTP -> password.length() < codeLength ? Optional.empty() : Optional.of(new Split(
                    password.substring(0, password.length() - codeLength),
                    password.substring(password.length() - codeLength)));
            case OTP_PIN -> password.length() < codeLength ? Optional.empty() : Optional.of(new Split(
                    password.substring(codeLength), password.substring(0, codeLength)));
            case OTP -> Optional.of(new Split("", password));
            case CHALLENGE -> Optional.of(new Split(password, ""));
        };
    }

    /**
     * The Yubico OTP at the end of {@code password} (after an optional PIN) if its tail has the
     * shape of one: 44 modhex characters, as a YubiKey types it.
     */
    public static Optional<Split> splitYubico(String password) {
        int otpLength = 44;
        if (password.length() < otpLength) {
            return Optional.empty();
        }
        String tail = password.substring(password.length() - otpLength);
        return org.keyfob.oath.engine.YubicoOtp.looksLikeYubicoOtp(tail)
                ? Optional.of(new Split(password.substring(0, password.length() - otpLength), tail))
                : Optional.empty();
    }
}
