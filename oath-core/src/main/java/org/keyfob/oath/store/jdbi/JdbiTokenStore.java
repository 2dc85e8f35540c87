package org.keyfob.oath.store.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** {@link TokenStore} over Jdbi. */
final class JdbiTokenStore implements TokenStore {
    private static final String INSERT = """
            INSERT INTO tokens (serial, kind, algorithm, digits, step_seconds, t0, seed, seed_key_id, status,
                counter, drift, failures, manufacturer, model, issuer, created, modified, ocra_suite)
            VALUES (:serial, :kind, :algorithm, :digits, :step, :t0, :seed, :keyId, :status,
                :counter, :drift, 0, :manufacturer, :model, :issuer, :now, :now, :ocraSuite)""";

    private final Jdbi jdbi;
    private final TokenRows rows;
    private final SecretCipher cipher;
    private final Clock clock;
    private final GroupCommit groupCommit;

    JdbiTokenStore(Jdbi jdbi, SecretCipher cipher, Clock clock, GroupCommit groupCommit) {
        this.jdbi = jdbi;
        this.groupCommit = groupCommit;
        this.cipher = cipher;
        this.rows = new TokenRows(cipher);
        this.clock = clock;
    }

    @Override
    public void addAll(List<NewToken> tokens, Actor actor) {
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                PreparedBatch insert = h.prepareBatch(INSERT);
                List<AuditEvent> events = new ArrayList<>(tokens.size());
                for (NewToken t : tokens) {
                    Token token = t.token();
                    byte[] plain = token.seed().revealBytes();
                    SecretCipher.Sealed sealed = cipher.seal(plain, TokenRows.aad(token.serial()));
                    java.util.Arrays.fill(plain, (byte) 0);
                    insert.bind("serial", token.serial().value())
                            .bind("kind", token.spec().kind().name())
                            .bind("algorithm", token.spec().algorithm().name())
                            .bind("digits", token.spec().digits())
                            .bind("step", (int) token.spec().step().getSeconds())
                            .bind("t0", token.spec().t0())
                            .bind("ocraSuite", token.spec().ocraSuite().orElse(null))
                            .bind("seed", sealed.blob())
                            .bind("keyId", sealed.keyId())
                            .bind("status", token.status().name())
                            .bind("counter", token.state().counter())
                            .bind("drift", token.state().drift())
                            .bind("manufacturer", t.details().manufacturer().orElse(null))
                            .bind("model", t.details().model().orElse(null))
                            .bind("issuer", t.details().issuer().orElse(null))
                            .bind("now", Columns.utc(now))
                            .add();
                    events.add(AuditEvent.of(now, AuditEventType.E_TOKEN_ADDED, actor, null, token.serial(),
                            token.spec().kind() + " " + token.spec().algorithm() + " " + token.spec().digits()));
                }
                insert.execute();
                JdbiAuditLog.insert(h, events);
            });
        } catch (UnableToExecuteStatementException e) {
            throw new StoreException("add " + tokens.size() + " tokens: nothing was added; a serial may exist"
                    + " already (" + e.getCause().getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public Optional<StoredToken> find(Serial serial) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tokens WHERE serial = :serial")
                .bind("serial", serial.value())
                .map((rs, ctx) -> rows.map(rs))
                .findOne());
    }

    @Override
    public List<StoredToken> findByUser(String user) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.* FROM users u
                            JOIN assignments a ON a.user_id = u.id
                            JOIN tokens t ON t.id = a.token_id
                        WHERE u.name = :user ORDER BY t.serial""")
                .bind("user", user)
                .map((rs, ctx) -> rows.map(rs))
                .list());
    }

    @Override
    public List<String> usersOf(Serial serial) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.name FROM tokens t
                            JOIN assignments a ON a.token_id = t.id
                            JOIN users u ON u.id = a.user_id
                        WHERE t.serial = :serial ORDER BY u.name""")
                .bind("serial", serial.value())
                .mapTo(String.class)
                .list());
    }

    @Override
    public List<Serial> serials() {
        return jdbi.withHandle(h -> h.createQuery("SELECT serial FROM tokens ORDER BY serial")
                .map((rs, ctx) -> new Serial(rs.getString(1))).list());
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tokens").mapTo(Long.class).one());
    }

    @Override
    public boolean compareAndSetState(Serial serial, long expectedVersion, TokenState next) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE tokens SET counter = :counter, drift = :drift, failures = :failures,
                            locked_until = :lockedUntil, pending_factor = :pendingFactor,
                            pending_seen_at = :pendingSeenAt, last_used = :lastUsed, version = version + 1
                        WHERE serial = :serial AND version = :version""")
                .bind("counter", next.counter())
                .bind("drift", next.drift())
                .bind("failures", next.lock().failures())
                .bind("lockedUntil", Columns.utc(TokenRows.storableLock(next.lock())))
                .bind("pendingFactor", next.pending().map(p -> p.factor()).orElse(null))
                .bind("pendingSeenAt", Columns.utc(next.pending().map(p -> p.seenAt())))
                .bind("lastUsed", Columns.utc(next.lastAccepted()))
                .bind("serial", serial.value())
                .bind("version", expectedVersion)
                .execute()) == 1;
    }

    @Override
    public boolean compareAndSetAccepted(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
        return groupCommit.commit(serial, expectedVersion, next, success);
    }

    @Override
    public boolean setStatus(Serial serial, TokenStatus status, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE tokens SET status = :status, modified = :now, version = version + 1"
                            + " WHERE serial = :serial")
                    .bind("status", status.name()).bind("now", Columns.utc(now)).bind("serial", serial.value())
                    .execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_TOKEN_STATE_CHANGED, actor,
                        null, serial, "status=" + status)));
            }
            return n == 1;
        });
    }

    @Override
    public Assignment assign(Serial serial, String user, AssignmentLimits limits, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<Long> tokenId = h.createQuery("SELECT id FROM tokens WHERE serial = :s FOR UPDATE")
                    .bind("s", serial.value()).mapTo(Long.class).findOne();
            if (tokenId.isEmpty()) {
                return Assignment.UNKNOWN_TOKEN;
            }
            Optional<Long> userId = h.createQuery("SELECT id FROM users WHERE name = :u FOR UPDATE")
                    .bind("u", user).mapTo(Long.class).findOne();
            if (userId.isEmpty()) {
                return Assignment.UNKNOWN_USER;
            }
            boolean exists = h.createQuery("SELECT COUNT(*) FROM assignments WHERE token_id = :t AND user_id = :u")
                    .bind("t", tokenId.get()).bind("u", userId.get()).mapTo(Integer.class).one() > 0;
            if (exists) {
                return Assignment.ALREADY_ASSIGNED;
            }
            int userTokens = h.createQuery("SELECT COUNT(*) FROM assignments WHERE user_id = :u")
                    .bind("u", userId.get()).mapTo(Integer.class).one();
            if (userTokens >= limits.tokensPerUser()) {
                return Assignment.USER_AT_LIMIT;
            }
            int tokenUsers = h.createQuery("SELECT COUNT(*) FROM assignments WHERE token_id = :t")
                    .bind("t", tokenId.get()).mapTo(Integer.class).one();
            if (tokenUsers >= limits.usersPerToken()) {
                return Assignment.TOKEN_AT_LIMIT;
            }
            h.createUpdate("INSERT INTO assignments (token_id, user_id, created) VALUES (:t, :u, :now)")
                    .bind("t", tokenId.get()).bind("u", userId.get()).bind("now", Columns.utc(now)).execute();
            JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_TOKEN_ASSIGNED, actor, user, serial, "")));
            return Assignment.ASSIGNED;
        });
    }

    @Override
    public boolean unassign(Serial serial, String user, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                            DELETE FROM assignments WHERE token_id = (SELECT id FROM tokens WHERE serial = :s)
                                AND user_id = (SELECT id FROM users WHERE name = :u)""")
                    .bind("s", serial.value()).bind("u", user).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_TOKEN_UNASSIGNED, actor, user,
                        serial, "")));
            }
            return n == 1;
        });
    }

    @Override
    public boolean delete(Serial serial, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM tokens WHERE serial = :s").bind("s", serial.value()).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_TOKEN_DELETED, actor, null, serial, "")));
            }
            return n == 1;
        });
    }
}
