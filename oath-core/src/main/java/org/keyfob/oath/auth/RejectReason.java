package org.keyfob.oath.auth;

import org.keyfob.oath.verify.Verification.Reason;

/** Why a login was refused, as the audit log and the {@code keyfob.auth} log line name it. */
public enum RejectReason {
    UNKNOWN_USER,
    /** Too many failed logins; nothing was checked. */
    USER_LOCKED,
    /** The user holds no token. */
    NO_TOKEN,
    BAD_PIN,
    /** No token of the user produced this code. */
    NO_MATCH,
    REPLAY,
    TOKEN_LOCKED,
    REVOKED,
    DISABLED,
    /** The password has no part shaped like a code for any of the user's tokens. */
    MALFORMED,
    /** The code was far ahead; the next code will resynchronise the token. */
    NEXT_CODE_NEEDED,
    /** The State of a challenge answer is unknown, used, expired or another user's. */
    CHALLENGE_EXPIRED,
    /** The first factor was checked against a directory that did not answer; never an accept. */
    DIRECTORY_UNAVAILABLE,
    /** The directory password was right, but the user is not in the group the login requires. */
    NOT_IN_GROUP,
    /**
     * A CHAP login for a client whose password mode needs a PIN: CHAP hides the password, and a PIN
     * (kept only as a slow hash, or in a directory) cannot be checked through it.
     */
    CHAP_NEEDS_OTP_MODE;

    static RejectReason of(Reason reason) {
        return switch (reason) {
            case NO_MATCH -> NO_MATCH;
            case REPLAY -> REPLAY;
            case LOCKED -> TOKEN_LOCKED;
            case REVOKED -> REVOKED;
            case DISABLED -> DISABLED;
            case MALFORMED -> MALFORMED;
        };
    }

    /** Which reason to report when several tokens failed differently: the most telling one. */
    int rank() {
        return switch (this) {
            case REPLAY -> 9;
            case NEXT_CODE_NEEDED -> 8;
            case TOKEN_LOCKED -> 7;
            case NO_MATCH -> 6;
            case BAD_PIN, NOT_IN_GROUP -> 5;
            case REVOKED -> 4;
            case DISABLED -> 3;
            case MALFORMED -> 2;
            case UNKNOWN_USER, USER_LOCKED, NO_TOKEN, CHALLENGE_EXPIRED, DIRECTORY_UNAVAILABLE,
                    CHAP_NEEDS_OTP_MODE -> 1;
        };
    }
}
