package org.keyfob.oath.store.jdbi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditLog;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.ChallengeStore;
import org.keyfob.oath.store.ClientStore;
import org.keyfob.oath.store.Durability;
import org.keyfob.oath.store.ListedToken;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.RestoreMode;
import org.keyfob.oath.store.RestoreOutcome;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenImport;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.store.User;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.store.jdbi.JournalRecord.TokenChange;
import org.keyfob.oath.store.jdbi.JournalRecord.UserChange;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store as the server uses it: the server owns the login state (the users, tokens and
 * counters that logins read and write) in memory, writes each login's changes to the
 * {@link LoginJournal} (forced to disk) before the login is answered, and moves them into the H2
 * store once a second ({@link JournalCheckpoint}). A login then costs no SQL at all once
 * its user has been read, and an accepted code is still durable before its Accept goes out; after
 * a crash, whoever opens the store next replays the journal first.
 *
 * <p>Only one writer may own that state, so anyone else who opens the store hands it back first:
 * each of their connections calls {@code KEYFOB_FENCE()} ({@link EngineHooks}), which writes
 * everything to the store and switches this store to the plain {@link JdbiStore} path (every
 * login read and compare-and-set in SQL, as on PostgreSQL) until those connections have closed.
 * Then the memory is emptied and filled again from the store as users log in. So an admin's
 * change, and the admin tool's own {@code token verify}, always see and change the real state,
 * and a code accepted by the server is never accepted by the admin tool, or the other way round.
 *
 * <p>Changes to the same token or user are made one at a time and carry a version, as in the
 * store, so concurrent logins with one code still get exactly one accept. Anything but a login's
 * reads and writes (an admin's change made through this object) first writes everything to the
 * store, then runs on the store, then empties the memory.
 */
public final class JournaledStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(JournaledStore.class);
    /** How often what the memory holds is written to the store, and fences are checked. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Above this many users in memory, a checkpoint empties the memory (it refills on demand). */
    static final int MAX_USERS = 100_000;
    private static final long JOURNAL_WAIT_SECONDS = 30;
    private static final long CLOSED_REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final JdbiStore store;
    private final LoginJournal journal;
    private final String databasePath;
    private final ReentrantReadWriteLock mode = new ReentrantReadWriteLock();
    /** Sessions that fenced the memory off; while any is open, everything runs on the store. */
    private final Set<Integer> fences = new HashSet<>(); // guarded by mode's write lock
    private final Map<String, Optional<User>> users = new ConcurrentHashMap<>();
    private final Map<String, List<Serial>> tokensOfUser = new ConcurrentHashMap<>();
    private final Map<Serial, StoredToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<ReplyAttribute>> replies = new ConcurrentHashMap<>();
    private final Set<Serial> dirtyTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyUsers = ConcurrentHashMap.newKeySet();
    private final PendingAudit pendingAudit = new PendingAudit();
    /** Taken before {@link #mode}'s write lock wherever both are held, never after it. */
    private final Object checkpointing = new Object();
    private final Object wake = new Object();
    private final Thread checkpointer;
    private final long checkpointMillis;
    private long lastClosedReport; // the checkpoint thread only
    private volatile boolean closed;
    private final TokenStore tokenView;
    private final UserStore userView;
    private final AuditLog auditView;

    private JournaledStore(JdbiStore store, LoginJournal journal, String databasePath, Duration checkpointInterval) {
        this.store = store;
        this.checkpointMillis = checkpointInterval.toMillis();
        this.journal = journal;
        this.databasePath = databasePath;
        this.tokenView = new Tokens();
        this.userView = new Users();
        this.auditView = new Audit();
        this.checkpointer = new Thread(this::runCheckpoints, "keyfob-checkpoint");
        checkpointer.setDaemon(true);
    }

    /**
     * Takes over the login state of {@code store}, whose engine runs in this process and whose
     * journal (already replayed) is in {@code journalDir}; the first entry gets {@code firstEntry}.
     * A checkpoint runs every {@code checkpointInterval} ({@link #CHECKPOINT_INTERVAL} but in tests).
     */
    static JournaledStore own(JdbiStore store, Path journalDir, long firstEntry, String databasePath,
            Duration checkpointInterval) {
        JournaledStore owner = new JournaledStore(store, new LoginJournal(journalDir, firstEntry), databasePath,
                checkpointInterval);
        EngineHooks.register(databasePath, owner);
        // A process that connected before the line above found no owner to fence: fence it now.
        // Sessions of other processes are the ones that came through H2's server (AUTO_SERVER).
        store.jdbi().useHandle(h -> h.createQuery("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
                + " WHERE SERVER IS NOT NULL").mapTo(Integer.class).forEach(owner::fence));
        owner.checkpointer.start();
        return owner;
    }

    // ---- routing: memory while owned, the store while fenced ----

    /** Call with {@link #mode} held. Once closing, logins are refused rather than sent to a store that is behind. */
    private boolean owned() {
        if (closed) {
            throw new StoreException("keyfobd is stopping; the login is refused");
        }
        return fences.isEmpty();
    }

    /** Whether logins are decided in memory now, no session fencing it off (for tests). */
    boolean ownsLoginState() {
        ReentrantReadWriteLock.ReadLock lock = mode.readLock();
        lock.lock();
        try {
            return !closed && owned();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a login's read or write: {@code memory} while this store owns the state, else {@code sql}. */
    private <T> T route(Supplier<T> memory, Supplier<T> sql) {
        ReentrantReadWriteLock.ReadLock lock = mode.readLock();
        lock.lock();
        try {
            return owned() ? memory.get() : sql.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs anything that is not a login's read or write (an admin's change, a report) on the store,
     * with nothing in memory: the memory is written to the store first and emptied after.
     */
    private <T> T onStore(Supplier<T> sql) {
        synchronized (checkpointing) { // before the write lock, as in checkpoint()
            ReentrantReadWriteLock.WriteLock lock = mode.writeLock();
            lock.lock();
            try {
                checkpoint();
                try {
                    return sql.get();
                } finally {
                    forget();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void onStore(Runnable sql) {
        onStore(() -> {
            sql.run();
            return null;
        });
    }

    /**
     * Waits until {@code appended} is on disk, or hands that wait to the caller's
     * {@link Durability#collect}; the login must be refused if it is not.
     */
    private static void await(LoginJournal.Appended appended) {
        if (!Durability.defer(appended.durable())) {
            awaitJournal(appended.durable(), "; the login is refused");
        }
    }

    /** Waits for {@code written}, or fails; {@code consequence} ends the first sentence of each error. */
    private static void awaitJournal(CompletableFuture<Void> written, String consequence) {
        try {
            written.get(JOURNAL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing the login journal" + consequence, e);
        } catch (TimeoutException e) {
            throw new StoreException("the login journal was not written within " + JOURNAL_WAIT_SECONDS
                    + " s" + consequence + ". Is the disk answering?", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException("cannot write the login journal" + consequence, e.getCause());
        }
    }

    // ---- fences ----

    /** A session of another process (or of the admin tool) is about to use the store directly. */
    void fence(int session) {
        synchronized (checkpointing) { // before the write lock, as in checkpoint()
            ReentrantReadWriteLock.WriteLock lock = mode.writeLock();
            lock.lock();
            try {
                if (closed) {
                    // Its last checkpoint may be running or may have failed: what is in the store may be behind.
                    throw new StoreException("keyfobd is stopping and writing its last logins to the store; try again"
                            + " once it has stopped");
                }
                if (owned()) {
                    checkpoint();
                    forget();
                    log.info("the store is in use by another session; deciding logins on the store until it closes");
                }
                fences.add(session);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Lifts the fences of sessions that have closed; memory is used again once none is left. */
    private void liftClosedFences() {
        Set<Integer> fenced;
        ReentrantReadWriteLock.ReadLock read = mode.readLock();
        read.lock();
        try {
            if (fences.isEmpty()) {
                return;
            }
            fenced = new HashSet<>(fences);
        } finally {
            read.unlock();
        }
        Set<Integer> open = store.jdbi().withHandle(h -> new HashSet<>(h.createQuery(
                "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS").mapTo(Integer.class).list()));
        fenced.removeAll(open);
        ReentrantReadWriteLock.WriteLock lock = mode.writeLock();
        lock.lock();
        try {
            // Only fences seen before the query: a session that fenced since is not in its answer.
            if (fences.removeAll(fenced) && fences.isEmpty()) {
                forget();
                log.info("the other sessions have closed; deciding logins in memory again");
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- checkpoints ----

    /**
     * Never interrupted: H2 closes its file when a thread inside it is interrupted. {@link #close}
     * sets {@code closed} and wakes it instead.
     */
    private void runCheckpoints() {
        while (!closed) {
            try {
                synchronized (wake) {
                    if (!closed) {
                        wake.wait(checkpointMillis);
                    }
                }
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                checkpoint();
            } catch (RuntimeException e) {
                reportCheckpointFailure(e);
            }
            try {
                liftClosedFences();
            } catch (RuntimeException e) {
                log.warn("cannot tell which sessions still fence the login state off ({}); asking again", e.getMessage());
            }
        }
    }

    /**
     * Logs why a checkpoint failed. When H2 has closed the store file (it does so for good after a
     * write to the file failed, on a full disk), trying again cannot work: that is an ERROR that says
     * what to do, once a minute rather than every second.
     */
    private void reportCheckpointFailure(RuntimeException e) {
        if (!storeFileClosed(e)) {
            log.warn("cannot write the login journal's changes to the store ({}); they stay in the journal"
                    + " and are tried again", e.getMessage());
            return;
        }
        long now = System.nanoTime();
        if (lastClosedReport != 0 && now - lastClosedReport < CLOSED_REPORT_NANOS) {
            return;
        }
        lastClosedReport = now;
        log.error("H2 closed the store file {} after a write to it failed (H2 says why in {}.trace.db). Logins go"
                + " on from memory and the login journal {}, but nothing reaches the store, users not in memory"
                + " cannot log in, and the journal grows until keyfobd is restarted. Free space on that disk (the"
                + " usual cause), then restart keyfobd: it replays the journal, so no accepted code is lost",
                databasePath, databasePath, journal.dir());
    }

    private static boolean storeFileClosed(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes what the memory holds that the store does not (token and user states, audit rows) to
     * the store in one transaction, with the number of the last journal entry it covers, then
     * deletes the journal segments the store now holds. Empties the memory if it grew too big.
     */
    void checkpoint() {
        synchronized (checkpointing) {
            List<TokenChange> tokenChanges = new ArrayList<>();
            List<UserChange> userChanges = new ArrayList<>();
            PendingAudit.Taken audit;
            long upTo;
            CompletableFuture<Void> settled;
            ReentrantReadWriteLock.WriteLock lock = mode.writeLock();
            lock.lock();
            try {
                // Under the write lock no login is between its change and its journal entry, so
                // the states read here hold every entry numbered before upTo.
                upTo = journal.nextNumber() - 1;
                settled = journal.settled();
                for (Serial s : dirtyTokens) {
                    StoredToken t = tokens.get(s);
                    tokenChanges.add(new TokenChange(s, t.version(), t.token().state()));
                }
                for (String name : dirtyUsers) {
                    User u = users.get(name).orElseThrow();
                    userChanges.add(new UserChange(name, u.version(), u.lock(), u.lastSuccess(), u.lastFailure()));
                }
                dirtyTokens.clear();
                dirtyUsers.clear();
                audit = pendingAudit.take();
            } finally {
                lock.unlock();
            }
            if (tokenChanges.isEmpty() && userChanges.isEmpty() && audit.isEmpty()) {
                pendingAudit.written(audit);
                return;
            }
            try {
                // A login whose entry the journal refused got no answer: its audit event says what
                // did not happen, so it stays out. Its changes go in: they only used up its code.
                awaitJournal(settled, "");
                audit = audit.without(journal.takeRefused(upTo));
                JournalCheckpoint.write(store.jdbi(), tokenChanges, userChanges, audit, upTo);
            } catch (RuntimeException e) {
                // Mark them again: the next checkpoint writes their then-current state.
                tokenChanges.forEach(t -> dirtyTokens.add(t.serial()));
                userChanges.forEach(u -> dirtyUsers.add(u.name()));
                pendingAudit.putBack(audit);
                throw e;
            }
            pendingAudit.written(audit);
            // Committed: a failure from here on leaves the entries in the journal, nothing to write again.
            JournalCheckpoint.sync(store.jdbi());
            journal.releaseUpTo(upTo);
            if (users.size() > MAX_USERS) {
                lock.lock();
                try {
                    if (dirtyTokens.isEmpty() && dirtyUsers.isEmpty()) {
                        forget();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Empties the memory; call with the write lock held and nothing dirty. */
    private void forget() {
        users.clear();
        tokensOfUser.clear();
        tokens.clear();
        replies.clear();
    }

    // ---- the login state in memory ----

    private Optional<User> cachedUser(String name) {
        return users.computeIfAbsent(name, n -> store.users().find(n));
    }

    private List<StoredToken> cachedTokensOf(String user) {
        List<Serial> serials = tokensOfUser.get(user);
        if (serials == null) {
            List<StoredToken> read = store.tokens().findByUser(user);
            for (StoredToken t : read) {
                // What memory holds is newer than the store: keep it.
                tokens.putIfAbsent(t.token().serial(), t);
            }
            serials = read.stream().map(t -> t.token().serial()).toList();
            tokensOfUser.put(user, serials);
        }
        List<StoredToken> out = new ArrayList<>(serials.size());
        for (Serial s : serials) {
            StoredToken t = cachedToken(s);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private StoredToken cachedToken(Serial serial) {
        return tokens.computeIfAbsent(serial, s -> store.tokens().find(s).orElse(null));
    }

    /**
     * Changes a token's state in memory if it is still at {@code expectedVersion}, and journals
     * the change with the audit row ({@code success}'s, else {@code event}) and, for an accept,
     * the user's change; null if the token changed first.
     */
    private LoginJournal.Appended changeToken(Serial serial, long expectedVersion, TokenState next,
            Optional<LoginSuccess> success, Optional<AuditEvent> event) {
        LoginJournal.Appended[] appended = new LoginJournal.Appended[1];
        tokens.compute(serial, (s, current) -> {
            StoredToken t = current != null ? current : store.tokens().find(s).orElse(null);
            if (t == null || t.version() != expectedVersion) {
                return t;
            }
            Token token = t.token();
            StoredToken changed = new StoredToken(new Token(token.serial(), token.spec(), token.seed(), token.status(),
                    next), t.details(), t.created(), t.modified(), t.version() + 1);
            List<JournalRecord> records = new ArrayList<>(3);
            records.add(new TokenChange(s, changed.version(), next));
            Optional<AuditEvent> audit = success.map(LoginSuccess::event).or(() -> event);
            audit.ifPresent(a -> records.add(new JournalRecord.Audit(a)));
            if (success.isPresent()) {
                appended[0] = journalWithUser(success.get(), records);
            } else {
                appended[0] = journal.append(records);
            }
            dirtyTokens.add(s);
            audit.ifPresent(a -> pendingAudit.add(a, appended[0].number()));
            return changed;
        });
        return appended[0];
    }

    /**
     * Journals {@code records} with the change an accept makes to its user (lock cleared, last
     * success), inside the user's own compute, so the user changes in memory only if the entry is
     * appended (a failing journal refuses the login and leaves the user as it was) and two logins
     * of one user are journaled in the order of their changes.
     */
    private LoginJournal.Appended journalWithUser(LoginSuccess ok, List<JournalRecord> records) {
        LoginJournal.Appended[] appended = new LoginJournal.Appended[1];
        users.compute(ok.user(), (n, current) -> {
            Optional<User> u = current != null ? current : store.users().find(n);
            if (u.isEmpty()) {
                appended[0] = journal.append(records);
                return u;
            }
            User was = u.get();
            User now = new User(was.name(), was.pinHash(), LockState.CLEAR, Optional.of(ok.at()), was.lastFailure(),
                    was.created(), was.version() + 1);
            records.add(1, new UserChange(n, now.version(), now.lock(), now.lastSuccess(), now.lastFailure()));
            appended[0] = journal.append(records);
            dirtyUsers.add(n);
            return Optional.of(now);
        });
        return appended[0];
    }

    // ---- Store ----

    @Override
    public TokenStore tokens() {
        return tokenView;
    }

    @Override
    public UserStore users() {
        return userView;
    }

    @Override
    public ClientStore clients() {
        return store.clients();
    }

    @Override
    public ChallengeStore challenges() {
        return store.challenges();
    }

    @Override
    public AuditLog audit() {
        return auditView;
    }

    @Override
    public int reencryptSecrets(Actor actor) {
        return onStore(() -> store.reencryptSecrets(actor));
    }

    @Override
    public BackupSummary backup(OutputStream out, Actor actor) {
        return onStore(() -> store.backup(out, actor));
    }

    @Override
    public RestoreOutcome restore(InputStream in, RestoreMode mode, Actor actor) {
        return onStore(() -> store.restore(in, mode, actor));
    }

    /** Writes everything to the store and closes it; the journal is then empty and deleted. */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock lock = mode.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            checkpointer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
        try {
            checkpoint();
            JournalCheckpoint.replay(store.jdbi(), journal.dir());
        } catch (RuntimeException e) {
            // At JVM exit H2 closes its file in a shutdown hook of its own, which may run first.
            log.info("the last logins stay in the login journal {} and are written to the store at the next"
                    + " start ({})", journal.dir(), e.getMessage());
        }
        EngineHooks.unregister(databasePath, this);
        store.close();
    }

    private final class Tokens implements TokenStore {
        private final TokenStore sql = store.tokens();

        @Override
        public List<StoredToken> findByUser(String user) {
            return route(() -> cachedTokensOf(user), () -> sql.findByUser(user));
        }

        @Override
        public Optional<StoredToken> find(Serial serial) {
            return route(() -> Optional.ofNullable(cachedToken(serial)), () -> sql.find(serial));
        }

        @Override
        public boolean compareAndSetAccepted(Serial serial, long expectedVersion, TokenState next, LoginSuccess success) {
            return change(serial, expectedVersion, next, Optional.of(success), Optional.empty(),
                    () -> sql.compareAndSetAccepted(serial, expectedVersion, next, success));
        }

        @Override
        public boolean compareAndSetState(Serial serial, long expectedVersion, TokenState next) {
            return change(serial, expectedVersion, next, Optional.empty(), Optional.empty(),
                    () -> sql.compareAndSetState(serial, expectedVersion, next));
        }

        @Override
        public boolean compareAndSetState(Serial serial, long expectedVersion, TokenState next, AuditEvent event) {
            return change(serial, expectedVersion, next, Optional.empty(), Optional.of(event),
                    () -> sql.compareAndSetState(serial, expectedVersion, next, event));
        }

        private boolean change(Serial serial, long expectedVersion, TokenState next, Optional<LoginSuccess> success,
                Optional<AuditEvent> event, Supplier<Boolean> onSql) {
            LoginJournal.Appended appended;
            ReentrantReadWriteLock.ReadLock lock = mode.readLock();
            lock.lock();
            try {
                if (!owned()) {
                    return onSql.get();
                }
                appended = changeToken(serial, expectedVersion, next, success, event);
            } finally {
                lock.unlock();
            }
            if (appended == null) {
                return false;
            }
            await(appended);
            return true;
        }

        @Override
        public void addAll(List<NewToken> list, Actor actor) {
            onStore(() -> sql.addAll(list, actor));
        }

        @Override
        public TokenImport beginImport(Actor actor, TokenImport.Rules rules) {
            throw new UnsupportedOperationException("import with the admin tool (keyfob token import), which"
                    + " hands the login state back to the store first");
        }

        @Override
        public void forEachListed(Consumer<ListedToken> each) {
            onStore(() -> sql.forEachListed(each));
        }

        @Override
        public List<String> usersOf(Serial serial) {
            return onStore(() -> sql.usersOf(serial));
        }

        @Override
        public List<Serial> serials() {
            return onStore(sql::serials);
        }

        @Override
        public long count() {
            return onStore(sql::count);
        }

        @Override
        public boolean setStatus(Serial serial, TokenStatus status, Actor actor) {
            return onStore(() -> sql.setStatus(serial, status, actor));
        }

        @Override
        public Assignment assign(Serial serial, String user, AssignmentLimits limits, Actor actor) {
            return onStore(() -> sql.assign(serial, user, limits, actor));
        }

        @Override
        public boolean unassign(Serial serial, String user, Actor actor) {
            return onStore(() -> sql.unassign(serial, user, actor));
        }

        @Override
        public boolean delete(Serial serial, Actor actor) {
            return onStore(() -> sql.delete(serial, actor));
        }
    }

    private final class Users implements UserStore {
        private final UserStore sql = store.users();

        @Override
        public Optional<User> find(String name) {
            return route(() -> cachedUser(name), () -> sql.find(name));
        }

        @Override
        public List<ReplyAttribute> replyAttributes(String name) {
            return route(() -> replies.computeIfAbsent(name, sql::replyAttributes), () -> sql.replyAttributes(name));
        }

        @Override
        public boolean compareAndSetLock(String name, long expectedVersion, LockState lock, Instant at) {
            LoginJournal.Appended appended;
            ReentrantReadWriteLock.ReadLock read = mode.readLock();
            read.lock();
            try {
                if (!owned()) {
                    return sql.compareAndSetLock(name, expectedVersion, lock, at);
                }
                LoginJournal.Appended[] out = new LoginJournal.Appended[1];
                users.compute(name, (n, current) -> {
                    Optional<User> u = current != null ? current : sql.find(n);
                    if (u.isEmpty() || u.get().version() != expectedVersion) {
                        return u;
                    }
                    User was = u.get();
                    User now = new User(was.name(), was.pinHash(), lock, was.lastSuccess(), Optional.of(at),
                            was.created(), was.version() + 1);
                    out[0] = journal.append(List.of(new UserChange(n, now.version(), lock, now.lastSuccess(),
                            now.lastFailure())));
                    dirtyUsers.add(n);
                    return Optional.of(now);
                });
                appended = out[0];
            } finally {
                read.unlock();
            }
            if (appended == null) {
                return false;
            }
            await(appended);
            return true;
        }

        @Override
        public boolean add(String name, Optional<String> pinHash, Actor actor) {
            return onStore(() -> sql.add(name, pinHash, actor));
        }

        @Override
        public List<User> list() {
            return onStore(sql::list);
        }

        @Override
        public boolean setPinHash(String name, Optional<String> pinHash, Actor actor) {
            return onStore(() -> sql.setPinHash(name, pinHash, actor));
        }

        @Override
        public boolean setReplyAttributes(String name, List<ReplyAttribute> attributes, Actor actor) {
            return onStore(() -> sql.setReplyAttributes(name, attributes, actor));
        }

        @Override
        public boolean unlock(String name, Actor actor) {
            return onStore(() -> sql.unlock(name, actor));
        }

        @Override
        public boolean delete(String name, Actor actor) {
            return onStore(() -> sql.delete(name, actor));
        }
    }

    private final class Audit implements AuditLog {
        private final AuditLog sql = store.audit();

        @Override
        public void record(AuditEvent event) {
            LoginJournal.Appended appended;
            ReentrantReadWriteLock.ReadLock lock = mode.readLock();
            lock.lock();
            try {
                if (!owned()) {
                    sql.record(event);
                    return;
                }
                appended = journal.append(List.of(new JournalRecord.Audit(event)));
                pendingAudit.add(event, appended.number());
            } finally {
                lock.unlock();
            }
            await(appended);
        }

        @Override
        public List<AuditEntry> query(AuditQuery q) {
            return onStore(() -> sql.query(q));
        }

        @Override
        public long purgeBefore(Instant before, Actor actor) {
            return onStore(() -> sql.purgeBefore(before, actor));
        }
    }
}
