package org.keyfob.oath.engine;

import java.util.Objects;

/**
 * What {@link YubicoOtp#decode} made of an OTP: the fields the token encrypted, or why there are
 * none. A valid decode only proves the OTP came from the key; whether it is fresh (its
 * {@link YubicoPayload#monotonicCounter()} above the last one stored) is the verifier's question.
 */
public sealed interface YubicoDecode {

    /** The OTP decrypted under the token's key, passed its checksum and named the right token. */
    record Valid(YubicoPayload payload) implements YubicoDecode {
        public Valid {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The OTP is not one this token produced. */
    record Invalid(Reason reason) implements YubicoDecode {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why an OTP was not {@link Valid}; each is an expected answer, not an error. */
    enum Reason {
        /** Not 32 to 64 modhex characters of even count: a typo, or not a Yubico OTP at all. */
        MALFORMED("not 32 to 64 modhex characters"),
        /** The decrypted block fails its CRC-16: encrypted under another key, or altered. */
        BAD_CRC("checksum fails after decryption: another key, or altered in transit"),
        /** The checksum holds but the private identity differs: another token sharing the key. */
        WRONG_PRIVATE_ID("private identity does not match the token's");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** One line for an admin, e.g. in the authentication log; never includes the OTP. */
        public String description() {
            return description;
        }
    }
}
