package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.StoreException;

/** {@link JdbcBatch} on a real database: rows across its 1,000-row runs, NULLs, and failures. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class JdbcBatchTest extends StoreOnBothBackends {
    private static final String INSERT = """
            INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail) VALUES (?, ?, ?, ?, ?, ?)""";

    private void add(JdbcBatch batch, int n) {
        batch.time(StoreFixture.NOW.plusSeconds(n).atOffset(ZoneOffset.UTC)).string("E_LOGIN_SUCCEEDED")
                .string("client:vpn1").string(n % 2 == 0 ? "bob" : null).string(null).string("row " + n).add();
    }

    private long count(String where) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit WHERE " + where)
                .mapTo(Long.class).one());
    }

    @Test
    void everyRowIsWrittenAcrossSeveralRunsInOneTransaction() {
        int rows = 2 * JdbcBatch.CHUNK + 500;
        store.jdbi().useTransaction(h -> {
            try (JdbcBatch batch = new JdbcBatch(h, INSERT)) {
                for (int i = 0; i < rows; i++) {
                    add(batch, i);
                }
                batch.execute();
            }
        });

        assertThat(count("detail LIKE 'row %'")).isEqualTo(rows);
        assertThat(count("user_name IS NULL")).isEqualTo(rows / 2);
        assertThat(count("serial IS NULL")).isEqualTo(rows);
    }

    @Test
    void aFailedRowRollsTheTransactionBackAndTheErrorNamesTheStatement() {
        assertThatThrownBy(() -> store.jdbi().useTransaction(h -> {
            try (JdbcBatch batch = new JdbcBatch(h, INSERT)) {
                for (int i = 0; i < JdbcBatch.CHUNK + 10; i++) {
                    add(batch, i);
                }
                // user_name holds 256 characters
                batch.time(StoreFixture.NOW.atOffset(ZoneOffset.UTC)).string("E_LOGIN_SUCCEEDED")
                        .string("client:vpn1").string("x".repeat(300)).string(null).string("too long").add();
                batch.execute();
            }
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot write to the store (")
                .hasMessageContaining("running: INSERT INTO audit");

        assertThat(count("1 = 1")).describedAs("rows of the first run, rolled back").isZero();
    }
}
