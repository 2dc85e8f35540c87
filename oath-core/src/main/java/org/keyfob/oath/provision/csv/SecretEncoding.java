package org.keyfob.oath.provision.csv;

/**
 * How the secret column of a CSV file is written.
 *
 * <p>{@link #AUTO} goes by the characters a secret uses, never by its length, and guesses only
 * where they allow one reading:
 * <ol>
 *   <li><em>hex-shaped</em>: only {@code 0-9 a-f}, either case;</li>
 *   <li><em>base32-shaped</em>: only {@code A-Z} in one case and {@code 2-7}, with optional
 *       trailing {@code =} (RFC 4648 §6);</li>
 *   <li>text that is both (only {@code 2-7} and {@code a-f} in one case, say {@code 3a5f...}) is
 *       <em>ambiguous</em>: the import reports it and asks for an explicit encoding;</li>
 *   <li>text that is exactly one of them is read that way, so a hex secret of odd length is
 *       reported as bad hex rather than read as something else;</li>
 *   <li>anything else is base64 (RFC 4648 §4, {@code A-Z a-z 0-9 + /}, optional {@code =}).</li>
 * </ol>
 * Hex- or base32-shaped text is also valid base64, but AUTO never reads it so: a base64 secret that
 * happens to use only those characters (unlikely for 16 bytes or more) needs {@link #BASE64}.
 * AUTO expects no spaces or hyphens inside a secret.
 */
public enum SecretEncoding {
    /** Hex digits, either case, two per byte; no separators. */
    HEX,
    /** RFC 4648 base32, either case, padding optional, spaces and hyphens between groups ignored. */
    BASE32,
    /** RFC 4648 §4 base64 (standard alphabet), padding optional. */
    BASE64,
    /** Decided per secret by the rule in the class comment. */
    AUTO
}
