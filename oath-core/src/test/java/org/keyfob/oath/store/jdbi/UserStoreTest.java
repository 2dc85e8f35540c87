package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Serial;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class UserStoreTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final String PIN_HASH = "pbkdf2-sha256$310000$c2FsdA$aGFzaA";

    private UserStore users;

    @BeforeEach
    void setUp() {
        users = store.users();
    }

    @Test
    void addedUserComesBackWithPinHashAndAClearLock() {
        assertThat(users.add("bob", Optional.of(PIN_HASH), ADMIN)).isTrue();

        User bob = users.find("bob").orElseThrow();

        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.pinHash()).contains(PIN_HASH);
        assertThat(bob.lock()).isEqualTo(LockState.CLEAR);
        assertThat(bob.created()).isEqualTo(NOW);
        assertThat(bob.lastSuccess()).isEmpty();
        assertThat(bob.lastFailure()).isEmpty();
    }

    @Test
    void addingAnExistingNameReturnsFalseAndKeepsTheFirstUser() {
        users.add("bob", Optional.of(PIN_HASH), ADMIN);

        assertThat(users.add("bob", Optional.empty(), ADMIN)).isFalse();
        assertThat(users.find("bob").orElseThrow().pinHash()).contains(PIN_HASH);
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_ADDED))).hasSize(1);
    }

    @Test
    void findingAnUnknownUserGivesNothing() {
        assertThat(users.find("nobody")).isEmpty();
    }

    @Test
    void listIsOrderedByName() {
        users.add("carol", Optional.empty(), ADMIN);
        users.add("alice", Optional.empty(), ADMIN);
        users.add("bob", Optional.empty(), ADMIN);

        assertThat(users.list()).extracting(User::name).containsExactly("alice", "bob", "carol");
    }

    @Test
    void setPinHashReplacesAndRemovesThePinAndAuditsIt() {
        users.add("bob", Optional.empty(), ADMIN);

        assertThat(users.setPinHash("bob", Optional.of(PIN_HASH), ADMIN)).isTrue();
        assertThat(users.find("bob").orElseThrow().pinHash()).contains(PIN_HASH);
        assertThat(users.setPinHash("bob", Optional.empty(), ADMIN)).isTrue();
        assertThat(users.find("bob").orElseThrow().pinHash()).isEmpty();
        assertThat(users.setPinHash("nobody", Optional.of(PIN_HASH), ADMIN)).isFalse();
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_MODIFIED)))
                .extracting(e -> e.event().detail())
                .containsExactly("pin set", "pin removed");
    }

    @Test
    void compareAndSetLockStoresOnlyOverTheVersionItRead() {
        users.add("bob", Optional.empty(), ADMIN);
        User read = users.find("bob").orElseThrow();
        Instant failedAt = NOW.minusSeconds(10);

        assertThat(users.compareAndSetLock("bob", read.version(), new LockState(1, Optional.empty()), failedAt))
                .isTrue();
        assertThat(users.compareAndSetLock("bob", read.version(), LockState.CLEAR, NOW)).isFalse();

        User after = users.find("bob").orElseThrow();
        assertThat(after.lock()).isEqualTo(new LockState(1, Optional.empty()));
        assertThat(after.lastFailure()).contains(failedAt);
        assertThat(after.lastSuccess()).isEmpty();
        assertThat(after.version()).isNotEqualTo(read.version());
    }

    @Test
    void lockUntilAnAdminUnlocksSurvivesARoundTrip() {
        users.add("bob", Optional.empty(), ADMIN);
        User read = users.find("bob").orElseThrow();
        LockState forever = new LockState(10, Optional.of(Instant.MAX));

        users.compareAndSetLock("bob", read.version(), forever, NOW);

        User locked = users.find("bob").orElseThrow();
        assertThat(locked.lock()).isEqualTo(forever);
        assertThat(locked.lock().isLocked(NOW.plusSeconds(100L * 365 * 24 * 3600))).isTrue();
    }

    @Test
    void unlockClearsFailuresAndLockAndWritesAnAuditEvent() {
        users.add("bob", Optional.empty(), ADMIN);
        User read = users.find("bob").orElseThrow();
        users.compareAndSetLock("bob", read.version(), new LockState(5, Optional.of(Instant.MAX)), NOW);

        assertThat(users.unlock("bob", ADMIN)).isTrue();

        assertThat(users.find("bob").orElseThrow().lock()).isEqualTo(LockState.CLEAR);
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_UNLOCKED)))
                .extracting(e -> e.event().user(), e -> e.event().actor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Optional.of("bob"), ADMIN));
        assertThat(users.unlock("nobody", ADMIN)).isFalse();
    }

    @Test
    void deletingAUserRemovesTheirAssignmentsButKeepsTheToken() {
        users.add("bob", Optional.empty(), ADMIN);
        store.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
        assertThat(store.tokens().assign(new Serial("A"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN))
                .isEqualTo(Assignment.ASSIGNED);

        assertThat(users.delete("bob", ADMIN)).isTrue();

        assertThat(users.find("bob")).isEmpty();
        assertThat(store.tokens().findByUser("bob")).isEmpty();
        assertThat(store.tokens().usersOf(new Serial("A"))).isEmpty();
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_DELETED))).hasSize(1);
        assertThat(users.delete("bob", ADMIN)).isFalse();
    }

    @Test
    void aDeletedUsersNameCanBeAddedAgainWithoutTheOldAssignments() {
        users.add("bob", Optional.empty(), ADMIN);
        store.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
        store.tokens().assign(new Serial("A"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);
        users.delete("bob", ADMIN);

        assertThat(users.add("bob", Optional.empty(), ADMIN)).isTrue();

        assertThat(store.tokens().findByUser("bob")).isEmpty();
    }

    @Test
    void replyAttributesComeBackInTheOrderTheyWereSet() {
        users.add("bob", Optional.empty(), ADMIN);
        List<ReplyAttribute> set = List.of(new ReplyAttribute("Filter-Id", "vpn-staff"),
                new ReplyAttribute("Class", "group=staff"), new ReplyAttribute("Class", "site=paris"));

        assertThat(users.setReplyAttributes("bob", set, ADMIN)).isTrue();

        assertThat(users.replyAttributes("bob")).containsExactlyElementsOf(set);
    }

    @Test
    void settingReplyAttributesReplacesAllOfThemAndAnEmptyListClearsThem() {
        users.add("bob", Optional.empty(), ADMIN);
        users.setReplyAttributes("bob", List.of(new ReplyAttribute("Filter-Id", "a"), new ReplyAttribute("Class", "b")),
                ADMIN);

        users.setReplyAttributes("bob", List.of(new ReplyAttribute("Session-Timeout", "3600")), ADMIN);
        assertThat(users.replyAttributes("bob")).containsExactly(new ReplyAttribute("Session-Timeout", "3600"));

        users.setReplyAttributes("bob", List.of(), ADMIN);
        assertThat(users.replyAttributes("bob")).isEmpty();
    }

    @Test
    void replyAttributesAreAuditedByNameWithoutTheirValues() {
        users.add("bob", Optional.empty(), ADMIN);

        users.setReplyAttributes("bob", List.of(new ReplyAttribute("Filter-Id", "secret-group"),
                new ReplyAttribute("Class", "other-secret")), ADMIN);
        users.setReplyAttributes("bob", List.of(), ADMIN);

        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_MODIFIED)))
                .extracting(e -> e.event().detail())
                .containsExactly("reply attributes set: Filter-Id, Class", "reply attributes cleared")
                .noneMatch(d -> d.contains("secret"));
    }

    @Test
    void replyAttributesOfAnUnknownUserAreRefusedAndReadAsNone() {
        assertThat(users.setReplyAttributes("nobody", List.of(new ReplyAttribute("Class", "x")), ADMIN)).isFalse();
        assertThat(users.replyAttributes("nobody")).isEmpty();
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_USER_MODIFIED))).isEmpty();
    }

    @Test
    void replyAttributesOfTheLongestNameAndValueSurviveARoundTrip() {
        users.add("bob", Optional.empty(), ADMIN);
        ReplyAttribute longest = new ReplyAttribute("N".repeat(64), "v".repeat(253));

        users.setReplyAttributes("bob", List.of(longest), ADMIN);

        assertThat(users.replyAttributes("bob")).containsExactly(longest);
    }

    @Test
    void deletingAUserDeletesTheirReplyAttributes() {
        users.add("bob", Optional.empty(), ADMIN);
        users.setReplyAttributes("bob", List.of(new ReplyAttribute("Class", "staff")), ADMIN);
        users.delete("bob", ADMIN);

        users.add("bob", Optional.empty(), ADMIN);

        assertThat(users.replyAttributes("bob")).isEmpty();
    }

    @Test
    void emptyNameIsRefusedSayingWhy() {
        assertThatThrownBy(() -> users.add("", Optional.empty(), ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user name must be 1 to 256 characters, was 0");
        assertThat(users.list()).isEmpty();
    }

    @Test
    void overlongNameIsRefusedSayingWhy() {
        assertThatThrownBy(() -> users.add("x".repeat(257), Optional.empty(), ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user name must be 1 to 256 characters, was 257");
        assertThat(users.list()).isEmpty();
    }

    @Test
    void nameOfTheMaximumLengthIsAccepted() {
        assertThat(users.add("x".repeat(256), Optional.empty(), ADMIN)).isTrue();
    }

    @Test
    void nameWithAControlCharacterIsRefusedSayingWhy() {
        assertThatThrownBy(() -> users.add("bob\nadmin", Optional.empty(), ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user name has a control character");
        assertThat(users.list()).isEmpty();
    }
}
