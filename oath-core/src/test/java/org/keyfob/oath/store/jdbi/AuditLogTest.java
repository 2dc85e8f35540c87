package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditLog;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.token.Serial;

/**
 * Six events an hour apart, recorded oldest first; every query must return the rows it selects
 * in that order. Rows are named by their detail ("e1" .. "e6") so a failure reads plainly.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AuditLogTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Actor VPN = Actor.client("vpn1");
    private static final Serial A = new Serial("A");
    private static final Serial B = new Serial("B");

    private AuditLog audit;

    @BeforeEach
    void setUp() {
        audit = store.audit();
        record(1, AuditEventType.E_TOKEN_ADDED, ADMIN, null, A);
        record(2, AuditEventType.E_USER_ADDED, ADMIN, "bob", null);
        record(3, AuditEventType.E_TOKEN_ASSIGNED, ADMIN, "bob", A);
        record(4, AuditEventType.E_LOGIN_FAILED, VPN, "bob", A);
        record(5, AuditEventType.E_LOGIN_SUCCEEDED, VPN, "bob", A);
        record(6, AuditEventType.E_LOGIN_FAILED, VPN, "carol", B);
    }

    private static Instant hour(int n) {
        return NOW.plusSeconds(3600L * n);
    }

    private void record(int n, AuditEventType type, Actor actor, String user, Serial serial) {
        audit.record(AuditEvent.of(hour(n), type, actor, user, serial, "e" + n));
    }

    private List<String> details(AuditQuery query) {
        return audit.query(query).stream().map(e -> e.event().detail()).toList();
    }

    private static AuditQuery between(Optional<Instant> since, Optional<Instant> until) {
        AuditQuery all = AuditQuery.ALL;
        return new AuditQuery(since, until, all.user(), all.serial(), all.type(), all.afterId(), all.limit());
    }

    private static AuditQuery limit(AuditQuery q, int limit) {
        return new AuditQuery(q.since(), q.until(), q.user(), q.serial(), q.type(), q.afterId(), limit);
    }

    @Test
    void everythingComesBackOldestFirstWithEveryField() {
        List<AuditEntry> all = audit.query(AuditQuery.ALL);

        assertThat(all).extracting(e -> e.event().detail()).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
        assertThat(all).extracting(AuditEntry::id).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(3).event()).isEqualTo(new AuditEvent(hour(4), AuditEventType.E_LOGIN_FAILED, VPN,
                Optional.of("bob"), Optional.of(A), "e4"));
        assertThat(all.get(1).event().serial()).isEmpty();
        assertThat(all.get(0).event().user()).isEmpty();
    }

    @Test
    void sinceIsInclusiveAndUntilIsExclusive() {
        assertThat(details(between(Optional.of(hour(2)), Optional.empty()))).containsExactly("e2", "e3", "e4", "e5", "e6");
        assertThat(details(between(Optional.empty(), Optional.of(hour(3))))).containsExactly("e1", "e2");
        assertThat(details(between(Optional.of(hour(2)), Optional.of(hour(5))))).containsExactly("e2", "e3", "e4");
        assertThat(details(between(Optional.of(hour(7)), Optional.empty()))).isEmpty();
    }

    @Test
    void userFilterReturnsOnlyThatUsersRows() {
        assertThat(details(AuditQuery.ALL.forUser("bob"))).containsExactly("e2", "e3", "e4", "e5");
        assertThat(details(AuditQuery.ALL.forUser("carol"))).containsExactly("e6");
        assertThat(details(AuditQuery.ALL.forUser("Bob"))).describedAs("names are exact").isEmpty();
    }

    @Test
    void serialFilterReturnsOnlyThatTokensRows() {
        assertThat(details(AuditQuery.ALL.forSerial(A))).containsExactly("e1", "e3", "e4", "e5");
        assertThat(details(AuditQuery.ALL.forSerial(B))).containsExactly("e6");
    }

    @Test
    void typeFilterReturnsOnlyThatEvent() {
        assertThat(details(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_FAILED))).containsExactly("e4", "e6");
        assertThat(details(AuditQuery.ALL.ofType(AuditEventType.E_KEY_ROTATED))).isEmpty();
    }

    @Test
    void filtersCombine() {
        assertThat(details(AuditQuery.ALL.forUser("bob").ofType(AuditEventType.E_LOGIN_FAILED))).containsExactly("e4");
        assertThat(details(AuditQuery.ALL.forUser("bob").forSerial(B))).isEmpty();
    }

    @Test
    void afterIdReturnsOnlyLaterRowsSoFollowCanResume() {
        List<AuditEntry> all = audit.query(AuditQuery.ALL);

        assertThat(details(AuditQuery.ALL.after(all.get(3).id()))).containsExactly("e5", "e6");
        assertThat(details(AuditQuery.ALL.after(all.get(5).id()))).isEmpty();
    }

    @Test
    void limitReturnsTheNewestRowsOldestFirst() {
        assertThat(details(limit(AuditQuery.ALL, 2))).containsExactly("e5", "e6");
        assertThat(details(limit(AuditQuery.ALL.forUser("bob"), 3))).containsExactly("e3", "e4", "e5");
        assertThat(details(limit(AuditQuery.ALL.forSerial(A), 1))).containsExactly("e5");
    }

    @Test
    void afterIdFollowsOnFromTheOldestRowsAfterIt() {
        List<AuditEntry> all = audit.query(AuditQuery.ALL);

        AuditQuery next = limit(AuditQuery.ALL, 2).after(all.get(1).id());
        assertThat(details(next)).containsExactly("e3", "e4");
    }

    @Test
    void purgeDeletesOnlyOlderEventsAndRecordsHowMany() {
        assertThat(audit.purgeBefore(hour(4), ADMIN)).isEqualTo(3);

        List<AuditEntry> left = audit.query(AuditQuery.ALL);
        assertThat(left).extracting(e -> e.event().detail()).startsWith("e4", "e5", "e6").hasSize(4);
        AuditEvent purge = left.get(3).event();
        assertThat(purge.type()).isEqualTo(AuditEventType.E_AUDIT_PURGED);
        assertThat(purge.actor()).isEqualTo(ADMIN);
        assertThat(purge.detail()).isEqualTo("3 events that occurred before " + hour(4) + " deleted");
    }

    @Test
    void purgeDeletesInBatchesUntilNothingOlderIsLeft() {
        int many = JdbiAuditLog.PURGE_BATCH + 5;
        store.jdbi().useTransaction(h -> {
            List<AuditEvent> old = new java.util.ArrayList<>(many);
            for (int i = 0; i < many; i++) {
                old.add(AuditEvent.of(NOW.minusSeconds(many - i), AuditEventType.E_LOGIN_SUCCEEDED, VPN, "dave", A, "old"));
            }
            JdbiAuditLog.insert(h, old);
        });

        assertThat(audit.purgeBefore(NOW, ADMIN)).isEqualTo(many);
        assertThat(details(AuditQuery.ALL.forUser("dave"))).isEmpty();
        assertThat(details(AuditQuery.ALL.forUser("bob"))).containsExactly("e2", "e3", "e4", "e5");
    }

    @Test
    void limitOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> limit(AuditQuery.ALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be 1..1000000, was 0");
    }
}
