package org.keyfob.oath.store.jdbi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** A {@link TokenStore} that counts compare-and-set attempts and how many of them lost a race. */
final class CountingTokenStore implements TokenStore {
    private final TokenStore delegate;
    private final LongAdder attempts;
    private final LongAdder stored;

    /** Counts into the given adders, so several instances (threads, servers) can share totals. */
    CountingTokenStore(TokenStore delegate, LongAdder attempts, LongAdder stored) {
        this.delegate = delegate;
        this.attempts = attempts;
        this.stored = stored;
    }

    @Override
    public boolean compareAndSetState(Serial serial, long expectedVersion, TokenState next) {
        attempts.increment();
        boolean done = delegate.compareAndSetState(serial, expectedVersion, next);
        if (done) {
            stored.increment();
        }
        return done;
    }

    @Override
    public boolean compareAndSetAccepted(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
        attempts.increment();
        boolean done = delegate.compareAndSetAccepted(serial, expectedVersion, next, success);
        if (done) {
            stored.increment();
        }
        return done;
    }

    @Override
    public void addAll(List<NewToken> tokens, Actor actor) {
        delegate.addAll(tokens, actor);
    }

    @Override
    public Optional<StoredToken> find(Serial serial) {
        return delegate.find(serial);
    }

    @Override
    public List<StoredToken> findByUser(String user) {
        return delegate.findByUser(user);
    }

    @Override
    public List<String> usersOf(Serial serial) {
        return delegate.usersOf(serial);
    }

    @Override
    public List<Serial> serials() {
        return delegate.serials();
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public boolean setStatus(Serial serial, TokenStatus status, Actor actor) {
        return delegate.setStatus(serial, status, actor);
    }

    @Override
    public Assignment assign(Serial serial, String user, AssignmentLimits limits, Actor actor) {
        return delegate.assign(serial, user, limits, actor);
    }

    @Override
    public boolean unassign(Serial serial, String user, Actor actor) {
        return delegate.unassign(serial, user, actor);
    }

    @Override
    public boolean delete(Serial serial, Actor actor) {
        return delegate.delete(serial, actor);
    }
}
