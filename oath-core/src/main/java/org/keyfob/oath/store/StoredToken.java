package org.keyfob.oath.store;

import java.time.Instant;
import org.keyfob.oath.token.Token;

/**
 * A token as the store holds it, seed decrypted. {@code version} changes with every write; pass
 * it back to {@link TokenStore#compareAndSetState} so a concurrent change is never overwritten.
 */
public record StoredToken(Token token, TokenDetails details, Instant created, Instant modified, long version) {
}
