package org.keyfob.oath.store;

import java.util.List;

/** A token with the users it is assigned to, for inventories and exports. */
public record ListedToken(StoredToken stored, List<String> users) {
    public ListedToken {
        users = List.copyOf(users);
    }
}
