package org.keyfob.oath.store.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The common ground of the store contract tests: each subclass is a {@code @ParameterizedClass}
 * over {@link Backend}, and gets a fresh, empty {@link #store} on that backend for every test
 * (an H2 file in {@link #tempDir}, or a PostgreSQL schema of its own), dropped afterwards.
 */
abstract class StoreOnBothBackends {
    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    StoreFixture fixture;
    JdbiStore store;

    @BeforeEach
    final void openStore() {
        fixture = new StoreFixture(backend, tempDir);
        store = fixture.open();
    }

    @AfterEach
    final void closeStore() {
        fixture.close();
    }
}
