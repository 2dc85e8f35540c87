package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.token.Serial;

/**
 * Audit events written in blocks (as the embedded store's checkpoint writes its logins') read back
 * with the audit table's rows as one log: ids in the order written, every filter, the newest
 * events or those after an id, purges that cut through a block.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AuditBlocksTest extends StoreOnBothBackends {
    private static final Actor VPN = Actor.client("vpn1");
    private static final Actor ADMIN = Actor.admin("alice");

    private static AuditEvent login(int n) {
        return AuditEvent.of(NOW.plusSeconds(n), n % 3 == 0 ? AuditEventType.E_LOGIN_FAILED
                : AuditEventType.E_LOGIN_SUCCEEDED, VPN, "user" + (n % 10), new Serial("T" + (n % 10)), "e" + n);
    }

    private static List<AuditEvent> logins(int from, int to) {
        return IntStream.range(from, to).mapToObj(AuditBlocksTest::login).toList();
    }

    /** As the checkpoint does: ids first, outside the transaction, then the blocks. */
    private void writeBlocks(List<AuditEvent> events) {
        long first = AuditBlocks.reserve(store.jdbi(), events.size());
        store.jdbi().useTransaction(h -> AuditBlocks.insert(h, StoredAudit.pending(events), first));
    }

    private List<String> details(AuditQuery q) {
        return store.audit().query(q).stream().map(e -> e.event().detail()).toList();
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> "e" + n).toList();
    }

    private static AuditQuery limit(AuditQuery q, int limit) {
        return new AuditQuery(q.since(), q.until(), q.user(), q.serial(), q.type(), q.afterId(), limit);
    }

    @Test
    void blocksAndRowsReadBackAsOneLogInTheOrderWritten() {
        store.audit().record(login(0));
        writeBlocks(logins(1, 4));
        store.audit().record(login(4));
        writeBlocks(logins(5, 7));

        List<AuditEntry> all = store.audit().query(AuditQuery.ALL);

        assertThat(all).extracting(e -> e.event().detail()).containsExactlyElementsOf(names(0, 7));
        assertThat(all).extracting(AuditEntry::id).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(2).event()).describedAs("every field of an event in a block").isEqualTo(login(2));
    }

    @Test
    void aCheckpointSplitsManyEventsIntoBlocksOfBoundedSize() {
        writeBlocks(logins(0, 2 * AuditBlocks.MAX_EVENTS + 5));

        long blocks = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + AuditBlocks.TABLE)
                .mapTo(Long.class).one());
        assertThat(blocks).isEqualTo(3);
        assertThat(details(limit(AuditQuery.ALL, 3))).containsExactlyElementsOf(
                names(2 * AuditBlocks.MAX_EVENTS + 2, 2 * AuditBlocks.MAX_EVENTS + 5));
    }

    @Test
    void filtersSelectEventsInsideBlocks() {
        writeBlocks(logins(0, 30));
        store.audit().record(login(30));

        assertThat(details(AuditQuery.ALL.forUser("user3"))).containsExactly("e3", "e13", "e23");
        assertThat(details(AuditQuery.ALL.forSerial(new Serial("T0")))).containsExactly("e0", "e10", "e20", "e30");
        assertThat(details(AuditQuery.ALL.forUser("user3").ofType(AuditEventType.E_LOGIN_FAILED)))
                .containsExactly("e3");
        assertThat(details(new AuditQuery(Optional.of(NOW.plusSeconds(28)), Optional.of(NOW.plusSeconds(30)),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 100))).containsExactly("e28", "e29");
        assertThat(details(AuditQuery.ALL.forUser("nobody"))).isEmpty();
    }

    @Test
    void theNewestAndTheFirstAfterAnIdSpanBlocksAndRows() {
        writeBlocks(logins(0, 10));
        store.audit().record(login(10));
        writeBlocks(logins(11, 20));
        store.audit().record(login(20));

        assertThat(details(limit(AuditQuery.ALL, 4))).containsExactly("e17", "e18", "e19", "e20");
        List<AuditEntry> all = store.audit().query(AuditQuery.ALL);
        List<String> followed = new ArrayList<>();
        long after = all.get(5).id();
        List<AuditEntry> page;
        while (!(page = store.audit().query(limit(AuditQuery.ALL, 3).after(after))).isEmpty()) {
            page.forEach(e -> followed.add(e.event().detail()));
            after = page.get(page.size() - 1).id();
        }
        assertThat(followed).describedAs("--follow, three at a time").containsExactlyElementsOf(names(6, 21));
    }

    @Test
    void rowsWrittenAfterABlockGetHigherIds() {
        writeBlocks(logins(0, 5));
        store.audit().record(login(5));

        List<AuditEntry> all = store.audit().query(AuditQuery.ALL);
        assertThat(all.get(5).id()).isGreaterThan(all.get(4).id());
    }

    @Test
    void aRowThatTookAReservedIdStopsTheBlocks() {
        long first = AuditBlocks.reserve(store.jdbi(), 3);
        store.jdbi().useHandle(h -> h.execute("INSERT INTO audit (id, occurred_at, event, actor, detail)"
                + " VALUES (" + (first + 1) + ", CURRENT_TIMESTAMP, 'E_USER_ADDED', 'admin:x', 'taken')"));

        assertThatThrownBy(() -> store.jdbi().useTransaction(h -> AuditBlocks.insert(h, StoredAudit.pending(logins(0, 3)), first)))
                .isInstanceOf(StoreException.class).hasMessageContaining("written again at the next checkpoint");
        assertThat(details(AuditQuery.ALL)).containsExactly("taken");
    }

    @Test
    void purgeDeletesWholeBlocksAndCutsThroughOneKeepingIds() {
        writeBlocks(logins(0, 10));
        writeBlocks(logins(10, 20));
        store.audit().record(login(20));
        List<AuditEntry> before = store.audit().query(AuditQuery.ALL);

        long purged = store.audit().purgeBefore(NOW.plusSeconds(15), ADMIN);

        assertThat(purged).isEqualTo(15);
        List<AuditEntry> after = store.audit().query(AuditQuery.ALL);
        assertThat(after).extracting(e -> e.event().detail()).containsExactlyElementsOf(
                List.of("e15", "e16", "e17", "e18", "e19", "e20", "15 events that occurred before "
                        + NOW.plusSeconds(15) + " deleted"));
        assertThat(after.subList(0, 6)).containsExactlyElementsOf(before.subList(15, 21));
    }

    @Test
    void timesAreKeptToTheMicrosecondAsInTheAuditTable() {
        Instant at = NOW.plusNanos(123_456_789);
        writeBlocks(List.of(AuditEvent.of(at, AuditEventType.E_LOGIN_SUCCEEDED, VPN, "bob", null, "nanos")));
        store.audit().record(AuditEvent.of(at, AuditEventType.E_LOGIN_SUCCEEDED, VPN, "bob", null, "row"));

        assertThat(store.audit().query(AuditQuery.ALL)).extracting(e -> e.event().at())
                .containsExactly(NOW.plusNanos(123_457_000), NOW.plusNanos(123_457_000));
    }

    @Test
    void blocksAreCompressedAndADamagedOneIsRefusedNotMisread() {
        writeBlocks(logins(0, AuditBlocks.MAX_EVENTS));
        byte[] data = store.jdbi().withHandle(h -> h.createQuery("SELECT data FROM " + AuditBlocks.TABLE)
                .map((rs, ctx) -> rs.getBytes(1)).one());
        assertThat(AuditBlocks.decode(data)).hasSize(AuditBlocks.MAX_EVENTS);
        // Each event's fields take about 80 bytes as the journal writes them.
        assertThat(data.length).describedAs("bytes for %d events", AuditBlocks.MAX_EVENTS)
                .isLessThan(30 * AuditBlocks.MAX_EVENTS);

        byte[] damaged = data.clone();
        damaged[data.length / 2] ^= 0x40;
        assertThatThrownBy(() -> AuditBlocks.decode(damaged)).isInstanceOf(StoreException.class)
                .hasMessageContaining("audit block is damaged").hasMessageContaining("backup");
        byte[] cut = Arrays.copyOf(data, data.length - 10);
        assertThatThrownBy(() -> AuditBlocks.decode(cut)).isInstanceOf(StoreException.class)
                .hasMessageContaining("audit block is damaged");
    }

    @Test
    void aBlockInAnUnknownFormatIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> AuditBlocks.decode(new byte[] {9, 0, 0}))
                .isInstanceOf(StoreException.class).hasMessageContaining("format 9")
                .hasMessageContaining("newer version");
    }
}
