package org.keyfob.oath.store.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.ChallengeStore;
import org.keyfob.oath.store.PendingChallenge;

/**
 * {@link ChallengeStore} over Jdbi. Taking is a read then a delete that must remove exactly the
 * row read: of two servers racing for one challenge, only the one whose delete counts 1 wins.
 */
final class JdbiChallengeStore implements ChallengeStore {
    private final Jdbi jdbi;

    JdbiChallengeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void put(PendingChallenge c) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO challenges (id, user_name, expires, payload) VALUES (:id, :user, :expires, :payload)")
                .bind("id", c.id()).bind("user", c.user()).bind("expires", Columns.utc(c.expires()))
                .bind("payload", c.data()).execute());
    }

    @Override
    public Optional<PendingChallenge> take(String id, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<PendingChallenge> found = h.createQuery("SELECT * FROM challenges WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> new PendingChallenge(rs.getString("id"), rs.getString("user_name"),
                            Columns.instant(rs, "expires").orElseThrow(), rs.getString("payload")))
                    .findOne();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int deleted = h.createUpdate("DELETE FROM challenges WHERE id = :id").bind("id", id).execute();
            return deleted == 1 && now.isBefore(found.get().expires()) ? found : Optional.empty();
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM challenges WHERE expires <= :now")
                .bind("now", Columns.utc(now)).execute());
    }
}
