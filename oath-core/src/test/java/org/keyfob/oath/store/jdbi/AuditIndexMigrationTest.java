package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditQuery;

/**
 * A store made before V4 (audit indexed by user and serial) keeps its audit rows through the
 * upgrade, loses just those two indexes, and answers the newest events for a user.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AuditIndexMigrationTest {
    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    private StoreFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void upgradeKeepsTheRowsAndDropsOnlyTheUserAndSerialIndexes() throws SQLException {
        fixture = new StoreFixture(backend, tempDir);
        StoreSettings s = fixture.settings();
        Flyway.configure().dataSource(s.url(), s.user().orElse(""), s.password().orElse(""))
                .locations("classpath:db/migration").target("3").load().migrate();
        try (Connection c = fixture.jdbc();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail)
                        VALUES (?, 'E_LOGIN_SUCCEEDED', 'client:vpn1', ?, ?, ?)""")) {
            for (int i = 1; i <= 6; i++) {
                insert.setObject(1, StoreFixture.NOW.plusSeconds(i).atOffset(ZoneOffset.UTC));
                insert.setString(2, i % 2 == 0 ? "bob" : "carol");
                insert.setString(3, "T" + i);
                insert.setString(4, "e" + i);
                insert.executeUpdate();
            }
        }
        assertThat(auditIndexes()).contains("audit_user_name", "audit_serial", "audit_occurred_at");

        JdbiStore store = fixture.open();

        assertThat(auditIndexes()).contains("audit_occurred_at").doesNotContain("audit_user_name", "audit_serial");
        AuditQuery newestTwoOfBob = new AuditQuery(AuditQuery.ALL.since(), AuditQuery.ALL.until(),
                AuditQuery.ALL.user(), AuditQuery.ALL.serial(), AuditQuery.ALL.type(), 0, 2).forUser("bob");
        assertThat(store.audit().query(newestTwoOfBob)).extracting(e -> e.event().detail())
                .containsExactly("e4", "e6");
        assertThat(store.audit().query(AuditQuery.ALL)).extracting(AuditEntry::id).hasSize(6).isSorted();
    }

    private List<String> auditIndexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = fixture.jdbc()) {
            String table = backend == Backend.H2 ? "AUDIT" : "audit";
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }
}
