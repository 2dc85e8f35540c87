package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;

/** An admin's state change (resync, set-counter) and its audit event land together or not at all. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AdminStateChangeTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Serial A = new Serial("A");

    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    private StoreFixture fixture;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(backend, tempDir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static AuditEvent event(String detail) {
        return AuditEvent.of(NOW, AuditEventType.E_TOKEN_MODIFIED, ADMIN, null, A, detail);
    }

    @Test
    void theStateAndItsEventAreStoredTogether() {
        try (JdbiStore store = fixture.open()) {
            store.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
            StoredToken read = store.tokens().find(A).orElseThrow();

            assertThat(store.tokens().compareAndSetState(A, read.version(), TokenState.initial(40), event("counter=40")))
                    .isTrue();
            assertThat(store.tokens().find(A).orElseThrow().token().state().counter()).isEqualTo(40);
            assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_TOKEN_MODIFIED)))
                    .extracting(e -> e.event().detail()).containsExactly("counter=40");
        }
    }

    @Test
    void aStaleVersionStoresNeitherStateNorEvent() {
        try (JdbiStore store = fixture.open()) {
            store.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
            long stale = store.tokens().find(A).orElseThrow().version();
            store.tokens().compareAndSetState(A, stale, TokenState.initial(5));

            assertThat(store.tokens().compareAndSetState(A, stale, TokenState.initial(40), event("counter=40")))
                    .isFalse();
            assertThat(store.tokens().find(A).orElseThrow().token().state().counter()).isEqualTo(5);
            assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_TOKEN_MODIFIED))).isEmpty();
        }
    }
}
