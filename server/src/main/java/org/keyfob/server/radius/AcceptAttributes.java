package org.keyfob.server.radius;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.config.WireAttribute;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.UserStore;
import org.keyfob.server.radius.codec.Attribute;

/**
 * The user's reply attributes (Class, Filter-Id, vendor attributes...) for an Access-Accept, read
 * from the store and encoded with the {@link ReplyDictionary}. An attribute that cannot be sent
 * (a name this server's dictionary lacks, a value that does not fit, no room left in 4096 bytes)
 * is left out with a rate-limited WARN and counted. If the store cannot be read at all, there are
 * no attributes to give, and since Class or Filter-Id may be what limits the user's access, the
 * caller refuses the login rather than accept it unrestricted.
 * Thread-safe.
 */
final class AcceptAttributes {
    private final UserStore users;
    private final ReplyDictionary dictionary;
    private final RadiusCounters counters;
    private final RateLimitedLog warnings;

    AcceptAttributes(UserStore users, ReplyDictionary dictionary, RadiusCounters counters, RateLimitedLog warnings) {
        this.users = users;
        this.dictionary = dictionary;
        this.counters = counters;
        this.warnings = warnings;
    }

    /**
     * The attributes to send, in the order they were set, whose encoded size (with their type and
     * length octets) adds up to at most {@code room} bytes.
     */
    Optional<List<Attribute>> forUser(String user, int room) {
        List<ReplyAttribute> stored;
        try {
            stored = users.replyAttributes(user);
        } catch (RuntimeException e) {
            counters.replyAttributesDropped.increment();
            if (e instanceof StoreException) {
                counters.storeErrors.increment();
            }
            warnings.warn("reply-store", "refused the login of {}: cannot read its reply attributes from the store"
                    + " ({})", RequestProcessor.printable(user), e.getMessage());
            return Optional.empty();
        }
        List<Attribute> out = new ArrayList<>(stored.size());
        int left = room;
        for (ReplyAttribute reply : stored) {
            WireAttribute wire;
            try {
                wire = dictionary.encode(reply);
            } catch (IllegalArgumentException e) {
                counters.replyAttributesDropped.increment();
                warnings.warn("reply-bad", "left reply attribute {} out of the Access-Accept for {}: {}; fix it"
                        + " with keyfob user set-reply, or load the dictionary that defines it (radius.dictionary)",
                        reply.name(), RequestProcessor.printable(user), e.getMessage());
                continue;
            }
            int size = wire.value().length + 2;
            if (size > left) {
                counters.replyAttributesDropped.increment();
                warnings.warn("reply-room", "left reply attribute {} out of the Access-Accept for {}: the answer"
                        + " would exceed 4096 bytes", reply.name(), RequestProcessor.printable(user));
                continue;
            }
            left -= size;
            out.add(new Attribute(wire.type(), wire.value()));
        }
        return Optional.of(out);
    }
}
