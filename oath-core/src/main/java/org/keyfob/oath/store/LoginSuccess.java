package org.keyfob.oath.store;

import java.time.Instant;

/**
 * What an accepted login writes besides the token's new state, in the same transaction: the
 * user's failures and lock cleared and {@code last_success} set to {@code at}, and the audit row.
 * A user's success does not depend on the user row as it was read (failures are cleared whatever
 * they were), so only the token's write needs a compare-and-set.
 *
 * @param user the user who logged in
 * @param at when, also the audit row's time
 * @param event the {@code E_LOGIN_SUCCEEDED} row; never a PIN, code or secret
 */
public record LoginSuccess(String user, Instant at, AuditEvent event) {
}
