package org.keyfob.oath.store.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** Maps token rows to values and back; the seed is decrypted here and nowhere else. */
final class TokenRows {
    /** "Locked until an admin unlocks" ({@link Instant#MAX}) as a date both databases can hold. */
    static final Instant FOREVER = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The compare-and-set of a token's state: matches no row, so changes nothing, unless the token
     * is still at the version that was read. Bind it with {@link #bindState}.
     */
    static final String UPDATE_STATE = """
            UPDATE tokens SET counter = :counter, drift = :drift, failures = :failures,
                locked_until = :lockedUntil, pending_factor = :pendingFactor,
                pending_seen_at = :pendingSeenAt, last_used = :lastUsed, version = version + 1
            WHERE serial = :serial AND version = :version""";

    /**
     * A token's state as of {@code version}, stored unless the row already holds a newer one (the
     * checkpoint and replay of the login journal, where writing a change twice must be harmless).
     * Bind it with {@link #addNewer}.
     */
    static final String STORE_NEWER = """
            UPDATE tokens SET counter = ?, drift = ?, failures = ?, locked_until = ?, pending_factor = ?,
                pending_seen_at = ?, last_used = ?, version = ?
            WHERE serial = ? AND version < ?""";

    private final SecretCipher cipher;

    TokenRows(SecretCipher cipher) {
        this.cipher = cipher;
    }

    static String aad(Serial serial) {
        return "token:" + serial.value();
    }

    StoredToken map(ResultSet rs) throws SQLException {
        Serial serial = new Serial(rs.getString("serial"));
        TokenSpec spec = new TokenSpec(TokenKind.valueOf(rs.getString("kind")),
                HashAlgorithm.valueOf(rs.getString("algorithm")), rs.getInt("digits"),
                Duration.ofSeconds(rs.getInt("step_seconds")), rs.getLong("t0"),
                Columns.string(rs, "ocra_suite"));
        byte[] plain = cipher.open(rs.getString("seed_key_id"), rs.getBytes("seed"), aad(serial));
        Seed seed = Seed.of(plain);
        java.util.Arrays.fill(plain, (byte) 0);
        Token token = new Token(serial, spec, seed, TokenStatus.valueOf(rs.getString("status")), state(rs));
        TokenDetails details = new TokenDetails(Columns.string(rs, "manufacturer"), Columns.string(rs, "model"),
                Columns.string(rs, "issuer"));
        return new StoredToken(token, details, Columns.instant(rs, "created").orElseThrow(),
                Columns.instant(rs, "modified").orElseThrow(), rs.getLong("version"));
    }

    static TokenState state(ResultSet rs) throws SQLException {
        LockState lock = new LockState(rs.getInt("failures"), lockedUntil(rs, "locked_until"));
        Optional<Long> factor = Columns.longValue(rs, "pending_factor");
        Optional<Instant> seen = Columns.instant(rs, "pending_seen_at");
        Optional<PendingResync> pending = factor.isPresent() && seen.isPresent()
                ? Optional.of(new PendingResync(factor.get(), seen.get())) : Optional.empty();
        return new TokenState(rs.getLong("counter"), rs.getInt("drift"), lock, pending,
                Columns.instant(rs, "last_used"));
    }

    static Optional<Instant> lockedUntil(ResultSet rs, String column) throws SQLException {
        return Columns.instant(rs, column).map(t -> t.isBefore(FOREVER) ? t : Instant.MAX);
    }

    static Optional<Instant> storableLock(LockState lock) {
        return lock.lockedUntil().map(t -> t.isAfter(FOREVER) ? FOREVER : t);
    }

    /** Adds a row of {@link #STORE_NEWER}: {@code state} at {@code version} for {@code serial}. */
    static void addNewer(JdbcBatch batch, Serial serial, long version, TokenState state) {
        batch.number(state.counter()).number(state.drift()).number(state.lock().failures())
                .time(Columns.utc(storableLock(state.lock())))
                .number(state.pending().map(PendingResync::factor).orElse(null))
                .time(Columns.utc(state.pending().map(PendingResync::seenAt)))
                .time(Columns.utc(state.lastAccepted()))
                .number(version).string(serial.value()).number(version)
                .add();
    }

    /** Binds {@link #UPDATE_STATE}'s parameters: store {@code next} if {@code serial} is at {@code expectedVersion}. */
    static <S extends SqlStatement<S>> S bindState(S statement, Serial serial, long expectedVersion, TokenState next) {
        return statement.bind("counter", next.counter())
                .bind("drift", next.drift())
                .bind("failures", next.lock().failures())
                .bind("lockedUntil", Columns.utc(storableLock(next.lock())))
                .bind("pendingFactor", next.pending().map(p -> p.factor()).orElse(null))
                .bind("pendingSeenAt", Columns.utc(next.pending().map(p -> p.seenAt())))
                .bind("lastUsed", Columns.utc(next.lastAccepted()))
                .bind("serial", serial.value())
                .bind("version", expectedVersion);
    }
}
