package org.keyfob.oath.store.jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.ImportTally;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenImport;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.User;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * {@link TokenImport} over one Jdbi handle in one transaction. Per batch of {@link #BATCH}
 * tokens: one query finds which serials exist, then one batched INSERT, one batched UPDATE and
 * one batched audit INSERT write them. Assignments go one by one (only files naming users have
 * them, and those are small).
 */
final class JdbiTokenImport implements TokenImport {
    static final int BATCH = 1000;

    private final Handle handle;
    private final SecretCipher cipher;
    private final Actor actor;
    private final Rules rules;
    private final Instant now;
    private final List<Pending> pending = new ArrayList<>(BATCH);
    private final Map<TokenKind, Long> added = new EnumMap<>(TokenKind.class);
    private final Map<TokenKind, Long> updated = new EnumMap<>(TokenKind.class);
    private final List<String> refusals = new ArrayList<>();
    private long refusalCount;
    private long assigned;
    private long usersCreated;
    private boolean committed;

    private record Pending(NewToken token, Optional<String> user, String origin) {
    }

    /** What the store holds for a serial the file also has: enough to decide the counter. */
    private record Existing(long id, Optional<Seed> seed, long counter) {
    }

    JdbiTokenImport(Jdbi jdbi, SecretCipher cipher, Actor actor, Rules rules, Instant now) {
        this.handle = jdbi.open();
        this.cipher = cipher;
        this.actor = actor;
        this.rules = rules;
        this.now = now;
        handle.begin();
    }

    @Override
    public void put(NewToken token, Optional<String> user, String origin) {
        if (committed) {
            throw new IllegalStateException("the import is committed already");
        }
        pending.add(new Pending(token, user, origin));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public ImportTally flush() {
        if (!pending.isEmpty()) {
            try {
                write(List.copyOf(pending));
            } catch (JdbiException e) {
                // Another writer may have added one of these serials since the batch was checked.
                throw new StoreException("import: writing a batch of " + pending.size() + " tokens failed; nothing "
                        + "will be committed (" + e.getClass().getSimpleName() + ")", e);
            } finally {
                pending.forEach(p -> p.token().token().seed().destroy());
                pending.clear();
            }
        }
        return new ImportTally(added, updated, assigned, usersCreated, refusals, refusalCount);
    }

    @Override
    public ImportTally commit() {
        ImportTally tally = flush();
        if (refusalCount > 0) {
            throw new IllegalStateException("the import has " + refusalCount + " refusal(s); it cannot be committed");
        }
        try {
            handle.commit();
        } catch (JdbiException e) {
            throw new StoreException("import: the commit failed; nothing was imported (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        committed = true;
        return tally;
    }

    @Override
    public void close() {
        try {
            if (!committed && handle.isInTransaction()) {
                handle.rollback();
            }
        } finally {
            handle.close();
        }
    }

    private void write(List<Pending> batch) {
        Map<String, Existing> existing = existing(batch);
        PreparedBatch insert = handle.prepareBatch(JdbiTokenStore.INSERT);
        PreparedBatch update = handle.prepareBatch(UPDATE);
        List<AuditEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            Token token = p.token().token();
            Existing old = existing.get(token.serial().value());
            if (old != null && !rules.update()) {
                refuse(p.origin() + ": serial " + token.serial() + " is in the store already");
            } else if (refusalCount == 0 && old == null) {
                JdbiTokenStore.bindInsert(insert, p.token(), cipher, now).add();
                events.add(AuditEvent.of(now, AuditEventType.E_TOKEN_ADDED, actor, null, token.serial(),
                        describe(token)));
                added.merge(token.spec().kind(), 1L, Long::sum);
            } else if (refusalCount == 0) {
                boolean sameSeed = sameSeed(old, token);
                bindUpdate(update, p.token(), old, sameSeed).add();
                events.add(AuditEvent.of(now, AuditEventType.E_TOKEN_MODIFIED, actor, null, token.serial(),
                        "import --update: " + describe(token) + (sameSeed ? ", same seed" : ", new seed")));
                updated.merge(token.spec().kind(), 1L, Long::sum);
            }
            if (old != null) {
                old.seed().ifPresent(Seed::destroy);
            }
        }
        if (refusalCount > 0) {
            return;
        }
        if (insert.size() > 0) {
            insert.execute();
        }
        if (update.size() > 0) {
            update.execute();
        }
        JdbiAuditLog.insert(handle, events);
        for (Pending p : batch) {
            if (p.user().isPresent()) {
                assign(p);
            }
        }
    }

    private static String describe(Token token) {
        return token.spec().kind() + " " + token.spec().algorithm() + " " + token.spec().digits();
    }

    private Map<String, Existing> existing(List<Pending> batch) {
        Map<String, Existing> found = new HashMap<>();
        handle.createQuery("SELECT id, serial, seed, seed_key_id, counter FROM tokens WHERE serial IN (<serials>)")
                .bindList("serials", batch.stream().map(p -> p.token().token().serial().value()).toList())
                .map((rs, ctx) -> {
                    String serial = rs.getString("serial");
                    Optional<Seed> seed = Optional.empty();
                    if (rules.update()) {
                        byte[] plain = cipher.open(rs.getString("seed_key_id"), rs.getBytes("seed"),
                                TokenRows.aad(new Serial(serial)));
                        seed = Optional.of(Seed.of(plain));
                        java.util.Arrays.fill(plain, (byte) 0);
                    }
                    return Map.entry(serial, new Existing(rs.getLong("id"), seed, rs.getLong("counter")));
                })
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    private static boolean sameSeed(Existing old, Token token) {
        return old.seed().orElseThrow(() -> new AssertionError("seeds are read when updating")).matches(token.seed());
    }

    private static final String UPDATE = """
            UPDATE tokens SET kind = :kind, algorithm = :algorithm, digits = :digits, step_seconds = :step,
                t0 = :t0, ocra_suite = :ocraSuite, seed = :seed, seed_key_id = :keyId, counter = :counter,
                drift = :drift, failures = 0, locked_until = NULL, pending_factor = NULL, pending_seen_at = NULL,
                manufacturer = :manufacturer, model = :model, issuer = :issuer, modified = :now,
                version = version + 1
            WHERE id = :id""";

    /** Same seed: the counter only moves forward, so no code already used becomes valid again. */
    private PreparedBatch bindUpdate(PreparedBatch update, NewToken t, Existing old, boolean sameSeed) {
        Token token = t.token();
        long counter = sameSeed ? Math.max(old.counter(), token.state().counter()) : token.state().counter();
        byte[] plain = token.seed().revealBytes();
        SecretCipher.Sealed sealed = cipher.seal(plain, TokenRows.aad(token.serial()));
        java.util.Arrays.fill(plain, (byte) 0);
        return update.bind("kind", token.spec().kind().name())
                .bind("algorithm", token.spec().algorithm().name())
                .bind("digits", token.spec().digits())
                .bind("step", (int) token.spec().step().getSeconds())
                .bind("t0", token.spec().t0())
                .bind("ocraSuite", token.spec().ocraSuite().orElse(null))
                .bind("seed", sealed.blob())
                .bind("keyId", sealed.keyId())
                .bind("counter", counter)
                .bind("drift", token.state().drift())
                .bind("manufacturer", t.details().manufacturer().orElse(null))
                .bind("model", t.details().model().orElse(null))
                .bind("issuer", t.details().issuer().orElse(null))
                .bind("now", Columns.utc(now))
                .bind("id", old.id());
    }

    /** One token per user and one user per token, as {@code keyfob token assign} allows. */
    private void assign(Pending p) {
        String user = p.user().orElseThrow();
        String serial = p.token().token().serial().value();
        Optional<Long> userId = handle.createQuery("SELECT id FROM users WHERE name = :u").bind("u", user)
                .mapTo(Long.class).findOne();
        if (userId.isEmpty() && !rules.createUsers()) {
            refuse(p.origin() + ": user " + user + " does not exist; add it first, or pass --create-users");
            return;
        }
        if (userId.isEmpty()) {
            try {
                User.checkName(user);
            } catch (IllegalArgumentException e) {
                refuse(p.origin() + ": " + e.getMessage());
                return;
            }
            userId = Optional.of(handle.createUpdate("INSERT INTO users (name, created) VALUES (:n, :now)")
                    .bind("n", user).bind("now", Columns.utc(now)).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one());
            JdbiAuditLog.insert(handle, List.of(AuditEvent.of(now, AuditEventType.E_USER_ADDED, actor, user, null,
                    "import")));
            usersCreated++;
        }
        long tokenId = handle.createQuery("SELECT id FROM tokens WHERE serial = :s").bind("s", serial)
                .mapTo(Long.class).one();
        List<Long> holders = handle.createQuery("SELECT user_id FROM assignments WHERE token_id = :t")
                .bind("t", tokenId).mapTo(Long.class).list();
        if (holders.contains(userId.get())) {
            return;
        }
        int userTokens = handle.createQuery("SELECT COUNT(*) FROM assignments WHERE user_id = :u")
                .bind("u", userId.get()).mapTo(Integer.class).one();
        if (!holders.isEmpty() || userTokens > 0) {
            refuse(p.origin() + ": cannot assign " + serial + " to " + user + ": " + (holders.isEmpty()
                    ? user + " already holds a token" : serial + " is already assigned to someone else")
                    + "; unassign first");
            return;
        }
        handle.createUpdate("INSERT INTO assignments (token_id, user_id, created) VALUES (:t, :u, :now)")
                .bind("t", tokenId).bind("u", userId.get()).bind("now", Columns.utc(now)).execute();
        JdbiAuditLog.insert(handle, List.of(AuditEvent.of(now, AuditEventType.E_TOKEN_ASSIGNED, actor, user,
                p.token().token().serial(), "import")));
        assigned++;
    }

    private void refuse(String message) {
        if (refusals.size() < ImportTally.MAX_REFUSALS) {
            refusals.add(message);
        }
        refusalCount++;
    }
}
