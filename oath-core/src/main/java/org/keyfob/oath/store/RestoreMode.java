package org.keyfob.oath.store;

/** Whether {@link Store#restore} only checks a backup or also replaces the store's contents with it. */
public enum RestoreMode {
    /** Read and check the backup (format, schema version, every secret against the key file); write nothing. */
    CHECK_ONLY,
    /** Check as {@link #CHECK_ONLY}, then replace every row of the store in one transaction. */
    REPLACE
}
