package org.keyfob.oath.store.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Handle;
import org.keyfob.oath.store.StoreException;

/**
 * One statement run for many rows in batches of {@value #CHUNK}, on the handle's connection and
 * inside its transaction. For the checkpoint's tens of thousands of rows a second: Jdbi's
 * {@code PreparedBatch} keeps a map of named arguments per row until it runs, which measured a
 * fifth of the checkpoint's time and tens of megabytes of heap. Parameters are by position, in
 * the statement's order; {@code null} is a SQL NULL of the parameter's type. Call {@link #execute}
 * after the last row: closing does not write what is left, so a failure half-way writes no more.
 */
final class JdbcBatch implements AutoCloseable {
    static final int CHUNK = 1_000;
    private final PreparedStatement statement;
    private final String sql;
    private int rows;
    private int at;

    JdbcBatch(Handle handle, String sql) {
        this.sql = sql;
        try {
            Connection c = handle.getConnection();
            this.statement = c.prepareStatement(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    JdbcBatch string(String value) {
        return set(() -> statement.setString(++at, value));
    }

    JdbcBatch number(long value) {
        return set(() -> statement.setLong(++at, value));
    }

    JdbcBatch number(Long value) {
        return set(() -> {
            if (value == null) {
                statement.setNull(++at, Types.BIGINT);
            } else {
                statement.setLong(++at, value);
            }
        });
    }

    JdbcBatch time(OffsetDateTime value) {
        return set(() -> statement.setObject(++at, value, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    /** Ends this row's parameters; runs the rows gathered so far when there are {@value #CHUNK}. */
    void add() {
        set(() -> {
            statement.addBatch();
            at = 0;
            if (++rows == CHUNK) {
                run();
            }
        });
    }

    /** Runs the rows not run yet; call once, after the last {@link #add}. */
    void execute() {
        set(this::run);
    }

    /** Closes the statement; rows added since the last run of the batch are not written. */
    @Override
    public void close() {
        set(statement::close);
    }

    private void run() throws SQLException {
        if (rows > 0) {
            statement.executeBatch();
            rows = 0;
        }
    }

    private JdbcBatch set(SqlStep step) {
        try {
            step.run();
            return this;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private StoreException failed(SQLException e) {
        return new StoreException("cannot write to the store (" + e.getMessage() + ") running: " + sql, e);
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }
}
