package org.keyfob.oath.auth;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a NAS's User-Password carries the PIN and the code, set globally and per RADIUS client. */
public enum PasswordMode {
    /** The PIN (or password) first, then the code: {@code 1234} + {@code 287082}. The default. */
    PIN_OTP("pin+otp"),
    /** The code first, then the PIN, as Swivel sites type it. */
    OTP_PIN("otp+pin"),
    /** The code alone, for users without a PIN. */
    OTP("otp"),
    /** The PIN alone; the server answers with a challenge and the next request carries the code. */
    CHALLENGE("challenge");

    private final String configName;

    PasswordMode(String configName) {
        this.configName = configName;
    }

    /** The name in configuration files and on the command line, e.g. {@code pin+otp}. */
    public String configName() {
        return configName;
    }

    public static PasswordMode parse(String name) {
        for (PasswordMode m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("password mode \"" + name + "\" is not one of "
                + Arrays.stream(values()).map(PasswordMode::configName).collect(Collectors.joining(", ")));
    }
}
