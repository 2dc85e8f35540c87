package org.keyfob.oath.store;

import java.util.Optional;

/** What the vendor's file says about a token, kept for the inventory; none of it is verified. */
public record TokenDetails(Optional<String> manufacturer, Optional<String> model, Optional<String> issuer) {
    public static final TokenDetails NONE = new TokenDetails(Optional.empty(), Optional.empty(), Optional.empty());
}
