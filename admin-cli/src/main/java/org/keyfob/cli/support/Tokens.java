package org.keyfob.cli.support;

import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.Serial;

/** Looks a token up for a command, refusing with the same message everywhere when it is missing. */
public final class Tokens {
    private Tokens() {
    }

    public static StoredToken require(Store store, String serial) throws RefusedException {
        return store.tokens().find(new Serial(serial)).orElseThrow(() -> new RefusedException(
                "no token " + serial + "; 'keyfob token list' shows them"));
    }

    /** The user {@code serial} is assigned to, or null: what an audit event names. */
    public static String userOf(Store store, Serial serial) {
        return store.tokens().usersOf(serial).stream().findFirst().orElse(null);
    }
}
