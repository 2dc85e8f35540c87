package org.keyfob.oath.store.jdbi;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The two databases every store test runs on: an H2 file in a temporary directory, and a real
 * PostgreSQL server, each test in a schema of its own. PostgreSQL is found at
 * {@code KEYFOB_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}, trust auth); if none answers, the PostgreSQL cases are skipped saying how to
 * enable them.
 */
public enum Backend {
    H2, POSTGRESQL;

    private static final String PG_URL = Optional.ofNullable(System.getenv("KEYFOB_TEST_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = Optional.ofNullable(System.getenv("KEYFOB_TEST_PG_USER")).orElse("postgres");

    /** Settings for a fresh, empty store; the schema (PostgreSQL) is created here. */
    public StoreSettings freshSettings(Path tempDir) {
        if (this == H2) {
            return StoreSettings.h2File(tempDir);
        }
        String schema = "kf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            abort("PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
                    + "). Start it (trust auth on 127.0.0.1) or set KEYFOB_TEST_PG_URL/KEYFOB_TEST_PG_USER to run"
                    + " the PostgreSQL store tests.");
        }
        String sep = PG_URL.contains("?") ? "&" : "?";
        return new StoreSettings(PG_URL + sep + "currentSchema=" + schema, Optional.of(PG_USER), Optional.empty(), 8);
    }

    /** Drops what {@link #freshSettings} made (the PostgreSQL schema); H2 files go with the temp dir. */
    public void drop(StoreSettings settings) {
        if (this == H2) {
            return;
        }
        String schema = settings.url().substring(settings.url().indexOf("currentSchema=") + 14);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
