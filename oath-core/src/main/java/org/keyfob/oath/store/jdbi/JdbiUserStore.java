package org.keyfob.oath.store.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.token.LockState;

/** {@link UserStore} over Jdbi. */
final class JdbiUserStore implements UserStore {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbiUserStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public boolean add(String name, Optional<String> pinHash, Actor actor) {
        User.checkName(name);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM users WHERE name = :n").bind("n", name)
                    .mapTo(Integer.class).one() > 0;
            if (exists) {
                return false;
            }
            h.createUpdate("INSERT INTO users (name, pin_hash, created) VALUES (:n, :p, :now)")
                    .bind("n", name).bind("p", pinHash.orElse(null)).bind("now", Columns.utc(now)).execute();
            JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_USER_ADDED, actor, name, null, "")));
            return true;
        });
    }

    @Override
    public Optional<User> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY name").map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public boolean setPinHash(String name, Optional<String> pinHash, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE users SET pin_hash = :p, version = version + 1 WHERE name = :n")
                    .bind("p", pinHash.orElse(null)).bind("n", name).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_USER_MODIFIED, actor, name, null,
                        pinHash.isPresent() ? "pin set" : "pin removed")));
            }
            return n == 1;
        });
    }

    @Override
    public boolean compareAndSetLock(String name, long expectedVersion, LockState lock, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET failures = :f, locked_until = :l,"
                        + " last_failure = :at, version = version + 1 WHERE name = :n AND version = :v")
                .bind("f", lock.failures())
                .bind("l", Columns.utc(TokenRows.storableLock(lock)))
                .bind("at", Columns.utc(at))
                .bind("n", name)
                .bind("v", expectedVersion)
                .execute()) == 1;
    }

    @Override
    public List<ReplyAttribute> replyAttributes(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.name, r.value_text FROM user_reply_attributes r"
                        + " JOIN users u ON u.id = r.user_id WHERE u.name = :n ORDER BY r.position")
                .bind("n", name)
                .map((rs, ctx) -> new ReplyAttribute(rs.getString("name"), rs.getString("value_text")))
                .list());
    }

    @Override
    public boolean setReplyAttributes(String name, List<ReplyAttribute> attributes, Actor actor) {
        List<ReplyAttribute> copy = List.copyOf(attributes);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            // Bumping the version locks the user's row, so two concurrent replacements do not interleave.
            int n = h.createUpdate("UPDATE users SET version = version + 1 WHERE name = :n").bind("n", name).execute();
            if (n != 1) {
                return false;
            }
            long userId = h.createQuery("SELECT id FROM users WHERE name = :n").bind("n", name)
                    .mapTo(Long.class).one();
            h.createUpdate("DELETE FROM user_reply_attributes WHERE user_id = :u").bind("u", userId).execute();
            PreparedBatch batch = h.prepareBatch("INSERT INTO user_reply_attributes (user_id, position, name, value_text)"
                    + " VALUES (:u, :p, :n, :v)");
            for (int i = 0; i < copy.size(); i++) {
                batch.bind("u", userId).bind("p", i).bind("n", copy.get(i).name()).bind("v", copy.get(i).value())
                        .add();
            }
            if (!copy.isEmpty()) {
                batch.execute();
            }
            JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_USER_MODIFIED, actor, name, null,
                    replyDetail(copy))));
            return true;
        });
    }

    /** Names only: values may be group names or addresses an audit reader need not see. */
    private static String replyDetail(List<ReplyAttribute> attributes) {
        if (attributes.isEmpty()) {
            return "reply attributes cleared";
        }
        return "reply attributes set: " + String.join(", ", attributes.stream().map(ReplyAttribute::name).toList());
    }

    @Override
    public boolean unlock(String name, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE users SET failures = 0, locked_until = NULL, version = version + 1"
                    + " WHERE name = :n").bind("n", name).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_USER_UNLOCKED, actor, name, null, "")));
            }
            return n == 1;
        });
    }

    @Override
    public boolean delete(String name, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM users WHERE name = :n").bind("n", name).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_USER_DELETED, actor, name, null, "")));
            }
            return n == 1;
        });
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Columns.string(rs, "pin_hash"),
                new LockState(rs.getInt("failures"), TokenRows.lockedUntil(rs, "locked_until")),
                Columns.instant(rs, "last_success"), Columns.instant(rs, "last_failure"),
                Columns.instant(rs, "created").orElseThrow(), rs.getLong("version"));
    }
}
