package org.keyfob.oath.token;

/** Where a token is in its life, as an admin sets it. Only {@link #VALID} tokens verify codes. */
public enum TokenStatus {
    VALID,
    /** Temporarily out of use; can be set back to VALID. */
    DISABLED,
    REVOKED_LOST,
    REVOKED_BROKEN,
    REVOKED_OTHER;

    public boolean isRevoked() {
        return this == REVOKED_LOST || this == REVOKED_BROKEN || this == REVOKED_OTHER;
    }
}
