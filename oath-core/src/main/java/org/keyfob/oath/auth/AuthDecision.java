package org.keyfob.oath.auth;

import java.util.Optional;
import org.keyfob.oath.token.Serial;

/**
 * What the {@link Authenticator} decided about one login. The server turns it into Access-Accept,
 * Access-Reject or Access-Challenge; the admin tool's {@code check} prints it.
 */
public sealed interface AuthDecision {

    /** The code (and PIN) were right; {@code serial} is the token that produced the code. */
    record Accept(String user, Serial serial) implements AuthDecision {
    }

    /** Refused, for {@code reason}; {@code serial} when one token was clearly meant. */
    record Reject(RejectReason reason, Optional<Serial> serial) implements AuthDecision {
    }

    /** The PIN was right; ask for the code, and send {@code stateId} back with it. */
    record Challenge(String prompt, String stateId) implements AuthDecision {
    }
}
