package org.keyfob.oath.store;

/** Every kind of row the audit log holds. The names are stable: scripts filter on them. */
public enum AuditEventType {
    E_TOKEN_ADDED,
    E_TOKEN_MODIFIED,
    E_TOKEN_ASSIGNED,
    E_TOKEN_UNASSIGNED,
    E_TOKEN_DELETED,
    E_TOKEN_RESYNCED,
    E_TOKEN_STATE_CHANGED,
    E_TOKEN_LIST_EXPORTED,
    /** Seeds left the store, encrypted under a passphrase ({@code keyfob token export --format pskc}). */
    E_TOKEN_SECRETS_EXPORTED,
    E_OTP_VERIFIED,
    E_OTP_LOCKED,
    E_LOGIN_SUCCEEDED,
    E_LOGIN_FAILED,
    E_USER_ADDED,
    E_USER_MODIFIED,
    E_USER_DELETED,
    E_USER_UNLOCKED,
    E_CLIENT_ADDED,
    E_CLIENT_DELETED,
    E_KEY_ROTATED,
    E_STORE_BACKED_UP,
    E_STORE_RESTORED,
    /** Events older than a date were deleted ({@code keyfob audit purge}); the detail says how many. */
    E_AUDIT_PURGED
}
