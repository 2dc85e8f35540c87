package org.keyfob.oath.store;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.token.Serial;

/**
 * One audit row: when, what, who did it, to which user and token, and a short detail such as a
 * reject reason ({@code reason=REPLAY}). Never a PIN, code or secret.
 */
public record AuditEvent(Instant at, AuditEventType type, Actor actor, Optional<String> user,
        Optional<Serial> serial, String detail) {
    public static final int MAX_DETAIL = 1024;

    public AuditEvent {
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
    }

    public static AuditEvent of(Instant at, AuditEventType type, Actor actor, String user, Serial serial,
            String detail) {
        return new AuditEvent(at, type, actor, Optional.ofNullable(user), Optional.ofNullable(serial), detail);
    }
}
