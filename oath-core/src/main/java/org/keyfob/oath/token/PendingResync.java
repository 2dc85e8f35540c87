package org.keyfob.oath.token;

import java.time.Instant;

/**
 * A code that matched beyond the look-ahead window but inside the sync window: the counter (HOTP)
 * or time step (TOTP) it matched and when. If the next code follows it, the token is resynchronised.
 */
public record PendingResync(long factor, Instant seenAt) {
}
