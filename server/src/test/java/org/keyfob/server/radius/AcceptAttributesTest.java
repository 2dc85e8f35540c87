package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.token.LockState;
import org.keyfob.server.radius.codec.Attribute;
import org.slf4j.LoggerFactory;

class AcceptAttributesTest {
    private final RadiusCounters counters = new RadiusCounters();

    private Optional<List<Attribute>> forBob(Function<String, List<ReplyAttribute>> stored, int room) {
        AcceptAttributes attributes = new AcceptAttributes(new ReadOnlyUsers(stored), ReplyDictionary.standard(),
                counters, new RateLimitedLog(LoggerFactory.getLogger(AcceptAttributesTest.class), 1));
        return attributes.forUser("bob", room);
    }

    @Test
    void attributesAreSentInTheOrderTheyWereSet() {
        List<Attribute> sent = forBob(u -> List.of(new ReplyAttribute("Filter-Id", "a"),
                new ReplyAttribute("Class", "b")), 4000).orElseThrow();

        assertThat(sent).extracting(Attribute::type, Attribute::asText)
                .containsExactly(tuple(11, "a"), tuple(25, "b"));
    }

    @Test
    void anAttributeThatWouldNotFitIsLeftOutAndLaterSmallerOnesStillGo() {
        List<Attribute> sent = forBob(u -> List.of(new ReplyAttribute("Class", "x".repeat(200)),
                new ReplyAttribute("Filter-Id", "x".repeat(100)), new ReplyAttribute("Filter-Id", "ok")), 250).orElseThrow();

        assertThat(sent).extracting(Attribute::length).containsExactly(200, 2);
        assertThat(counters.get("reply_attributes_dropped")).isEqualTo(1);
    }

    @Test
    void aStoreThatCannotBeReadGivesNothingSoTheLoginIsRefusedRatherThanUnrestricted() {
        Optional<List<Attribute>> sent = forBob(u -> {
            throw new StoreException("read reply attributes: connection lost");
        }, 4000);

        assertThat(sent).isEmpty();
        assertThat(counters.get("reply_attributes_dropped")).isEqualTo(1);
    }

    /** Only {@link #replyAttributes} is used by the code under test. */
    private record ReadOnlyUsers(Function<String, List<ReplyAttribute>> stored) implements UserStore {
        @Override
        public List<ReplyAttribute> replyAttributes(String name) {
            return stored.apply(name);
        }

        @Override
        public boolean add(String name, Optional<String> pinHash, Actor actor) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<User> find(String name) {
            throw new AssertionError("not used");
        }

        @Override
        public List<User> list() {
            throw new AssertionError("not used");
        }

        @Override
        public boolean setPinHash(String name, Optional<String> pinHash, Actor actor) {
            throw new AssertionError("not used");
        }

        @Override
        public boolean compareAndSetLock(String name, long expectedVersion, LockState lock, Instant at) {
            throw new AssertionError("not used");
        }

        @Override
        public boolean setReplyAttributes(String name, List<ReplyAttribute> attributes, Actor actor) {
            throw new AssertionError("not used");
        }

        @Override
        public boolean unlock(String name, Actor actor) {
            throw new AssertionError("not used");
        }

        @Override
        public boolean delete(String name, Actor actor) {
            throw new AssertionError("not used");
        }
    }
}
