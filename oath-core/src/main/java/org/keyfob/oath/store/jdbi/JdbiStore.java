package org.keyfob.oath.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditLog;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.ChallengeStore;
import org.keyfob.oath.store.ClientStore;
import org.keyfob.oath.store.RestoreMode;
import org.keyfob.oath.store.RestoreOutcome;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store over JDBC: HikariCP for connections, Flyway for the schema, Jdbi for the SQL. Works on
 * an H2 file (the embedded default) and on PostgreSQL (several servers, one store) with the same
 * migrations and statements.
 */
public final class JdbiStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(JdbiStore.class);
    private static final int IDENTITY_CACHE = 10_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final JdbiTokenStore tokens;
    private final JdbiUserStore users;
    private final JdbiClientStore clients;
    private final JdbiChallengeStore challenges;
    private final JdbiAuditLog audit;
    private final KeyRotation rotation;
    private final StoreBackup backup;
    private final StoreRestore restore;
    private final GroupCommit groupCommit;
    /** On an H2 file, the connection whose session fences off a server owning the login state. */
    private Connection fenceSession;
    /** On an H2 file: the process whose engine this store's connections reach ({@code KEYFOB_ENGINE()}). */
    private volatile String engine;

    private JdbiStore(HikariDataSource dataSource, SecretCipher cipher, Clock clock, String schemaVersion) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Jdbi's default message lists bound values; ours bind only ciphertext, but never risk it.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.audit = new JdbiAuditLog(jdbi, clock);
        this.groupCommit = new GroupCommit(jdbi);
        this.tokens = new JdbiTokenStore(jdbi, cipher, clock, groupCommit);
        this.users = new JdbiUserStore(jdbi, clock);
        this.clients = new JdbiClientStore(jdbi, cipher, clock);
        this.challenges = new JdbiChallengeStore(jdbi);
        this.rotation = new KeyRotation(jdbi, cipher, clock);
        this.backup = new StoreBackup(jdbi, clock, schemaVersion);
        this.restore = new StoreRestore(jdbi, cipher, clock, schemaVersion);
    }

    /**
     * Connects with the keys in {@code keyFile} (created with a fresh key if missing), brings the
     * schema up to date, and returns the store. A secret sealed under a key this process has not
     * seen (another process ran {@code keyfob key rotate}) makes it read the file again, so a
     * running server follows a rotation without a restart.
     *
     * <p>On the embedded H2 store, a server running on the same file first hands its login state
     * back to the store (see {@link JournaledStore}) and keeps off it until this store is closed;
     * if no process is running one, a login journal left by a server that crashed is replayed.
     */
    public static JdbiStore open(StoreSettings settings, Path keyFile, Clock clock) {
        JdbiStore store = connect(settings, fileCipher(keyFile), clock);
        store.joinEmbedded(settings, true);
        return store;
    }

    /**
     * Like {@link #open(StoreSettings, Path, Clock)}, for a caller that only reads (a report, the
     * audit log): a server owning the login state writes it to the store first but goes on
     * deciding logins in memory, so what is read may be behind by what it decides meanwhile (at
     * most about a second's logins). Writing through this store is a mistake: the server would not
     * see it.
     */
    public static JdbiStore openToRead(StoreSettings settings, Path keyFile, Clock clock) {
        JdbiStore store = connect(settings, fileCipher(keyFile), clock);
        store.joinEmbedded(settings, false);
        return store;
    }

    /** Connects with fixed {@code keys}, like {@link #open(StoreSettings, Path, Clock)}. */
    public static JdbiStore open(StoreSettings settings, MasterKeys keys, Clock clock) {
        JdbiStore store = connect(settings, new SecretCipher(keys), clock);
        store.joinEmbedded(settings, true);
        return store;
    }

    /**
     * The store as the RADIUS server uses it. On an H2 file held by this process, the server owns
     * the login state in memory with a login journal ({@link JournaledStore}), after replaying
     * what a previous run left in the journal; on PostgreSQL it is the same as
     * {@link #open(StoreSettings, Path, Clock)}, and so on an H2 file another process opened
     * first (which holds H2's engine) unless a journal left by a crashed keyfobd awaits replay:
     * that is refused, as only the holder could replay it.
     */
    public static Store openServing(StoreSettings settings, Path keyFile, Clock clock) {
        return openServing(settings, keyFile, clock, JournaledStore.CHECKPOINT_INTERVAL);
    }

    /** As above, with a checkpoint every {@code checkpointInterval} instead of every second (tests). */
    static Store openServing(StoreSettings settings, Path keyFile, Clock clock, Duration checkpointInterval) {
        JdbiStore store = connect(settings, fileCipher(keyFile), clock);
        Optional<Path> journal = settings.journalDir();
        if (journal.isEmpty() || settings.isPostgres()) {
            return store;
        }
        try {
            store.createEngineHooks();
            String path = store.jdbi.withHandle(h -> h.createQuery("SELECT DATABASE_PATH()")
                    .mapTo(String.class).one());
            if (!store.holdsEngine()) {
                log.warn("another process holds the store file {}, so logins are decided on the store, without the"
                        + " login journal; stop it and restart keyfobd for full speed", path);
                store.joinEmbedded(settings, true);
                return store;
            }
            long next = JournalCheckpoint.replay(store.jdbi, journal.get());
            return JournaledStore.own(store, journal.get(), next, path, checkpointInterval);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static SecretCipher fileCipher(Path keyFile) {
        return new SecretCipher(MasterKeyFile.loadOrCreate(keyFile), () -> MasterKeyFile.reload(keyFile));
    }

    private static JdbiStore connect(StoreSettings settings, SecretCipher cipher, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("keyfob-store");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the store at " + settings + ": " + rootMessage(e), e);
        }
        String schemaVersion;
        try {
            Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
            flyway.migrate();
            schemaVersion = flyway.info().current().getVersion().getVersion();
        } catch (FlywayException e) {
            ds.close();
            throw new StoreException("cannot bring the store schema up to date at " + settings + ": "
                    + rootMessage(e), e);
        }
        JdbiStore store = new JdbiStore(ds, cipher, clock, schemaVersion);
        if (!settings.isPostgres()) {
            // An accepted code must be on the disk before its answer leaves, as the journal's are.
            store.groupCommit.syncAfterCommit(() -> JournalCheckpoint.sync(store.jdbi));
        }
        try {
            KeyCoverage.check(store.jdbi, cipher);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.debug("store open: {}", settings);
        return store;
    }

    /**
     * On an H2 file: a server owning the login state writes it to the store and, if
     * {@code changes}, stays off it while this store is open (a fence); or, if this process holds
     * the file and no server does, a login journal a crashed server left behind is replayed.
     */
    private void joinEmbedded(StoreSettings settings, boolean changes) {
        Optional<Path> journal = settings.journalDir();
        if (journal.isEmpty() || settings.isPostgres()) {
            return;
        }
        try {
            createEngineHooks();
            Connection session = dataSource.getConnection();
            int owner;
            try (Statement s = session.createStatement();
                    ResultSet rs = s.executeQuery(changes ? "CALL KEYFOB_FENCE()" : "CALL KEYFOB_SYNC()")) {
                rs.next();
                owner = rs.getInt(1);
            }
            if (changes) {
                fenceSession = session; // the fence lasts as long as this session
            } else {
                session.close();
            }
            engine = currentEngine();
            if (owner == 0 && EngineHooks.holdsEngine(engine)) {
                JournalCheckpoint.replay(jdbi, journal.get());
            } else if (owner == 0 && changes) {
                refuseUnreplayedJournal(journal.get(), settings.toString());
            }
            if (changes) {
                groupCommit.checkBeforeWrite(() -> followTakeover(journal.get(), settings.toString()));
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw new StoreException("cannot open the store at " + settings + ": " + rootMessage(e), e);
        }
    }

    /**
     * Refuses to decide logins on a store whose login journal holds entries no server is looking
     * after: a keyfobd stopped without writing them to the file (killed, or the machine lost power)
     * while another process had the file open, and that process now holds it. Only the process
     * that holds the file can replay them; until then the file may lack codes already accepted.
     */
    private static void refuseUnreplayedJournal(Path journal, String store) {
        if (!LoginJournal.segments(journal).isEmpty()) {
            throw new StoreException("the login journal " + journal + " holds logins keyfobd decided that are not in"
                    + " the store " + store + " yet, and another process has the store file open, so they cannot be"
                    + " replayed now. Stop that process (bin/keyfob, another keyfobd) or wait for it to end, then start"
                    + " keyfobd, which replays them");
        }
    }

    private void createEngineHooks() {
        jdbi.useHandle(h -> {
            h.execute("CREATE ALIAS IF NOT EXISTS KEYFOB_ENGINE FOR '" + EngineHooks.class.getName() + ".engine'");
            h.execute("CREATE ALIAS IF NOT EXISTS KEYFOB_FENCE FOR '" + EngineHooks.class.getName() + ".fence'");
            h.execute("CREATE ALIAS IF NOT EXISTS KEYFOB_SYNC FOR '" + EngineHooks.class.getName() + ".sync'");
            JournalCheckpoint.createTable(h);
            // H2 hands out identity values 32 at a time and records each new block in a commit of
            // its own, which with WRITE_DELAY=0 writes a whole chunk to the file: one per 32 audit
            // rows or imported tokens, most of a checkpoint's time. One engine hands out every
            // value, so ids still rise in insert order; a crash leaves a gap, nothing more.
            for (String table : List.of("AUDIT", "TOKENS", "USERS")) {
                boolean small = h.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = :t"
                        + " AND COLUMN_NAME = 'ID' AND IDENTITY_CACHE < :c").bind("t", table).bind("c", IDENTITY_CACHE)
                        .mapTo(Integer.class).one() > 0;
                if (small) {
                    h.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + IDENTITY_CACHE);
                }
            }
        });
    }

    private boolean holdsEngine() {
        return EngineHooks.holdsEngine(currentEngine());
    }

    private String currentEngine() {
        return jdbi.withHandle(h -> h.createQuery("SELECT KEYFOB_ENGINE()").mapTo(String.class).one());
    }

    /**
     * Before an accept is written: if the process that held the file has ended, H2 (AUTO_SERVER)
     * has reopened it in whichever process asked next. If that is this one, a journal the ended
     * process left is replayed first, so the accept's compare-and-set meets the newest counter
     * (and fails if the code was used); if it is another process, the accept is refused while such
     * a journal waits.
     */
    private synchronized void followTakeover(Path journal, String store) {
        String now = currentEngine();
        if (now.equals(engine)) {
            return;
        }
        if (EngineHooks.holdsEngine(now)) {
            log.warn("the process that held the store {} has ended and this one holds it now; replaying its login"
                    + " journal before deciding on the store", store);
            JournalCheckpoint.replay(jdbi, journal);
        } else {
            refuseUnreplayedJournal(journal, store);
        }
        engine = now;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public ClientStore clients() {
        return clients;
    }

    @Override
    public ChallengeStore challenges() {
        return challenges;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public int reencryptSecrets(Actor actor) {
        return rotation.reencryptAll(actor);
    }

    @Override
    public BackupSummary backup(OutputStream out, Actor actor) {
        return backup.write(out, actor);
    }

    @Override
    public RestoreOutcome restore(InputStream in, RestoreMode mode, Actor actor) {
        return restore.restore(in, mode, actor);
    }

    @Override
    public void close() {
        if (fenceSession != null) {
            try {
                fenceSession.close();
            } catch (SQLException e) {
                // closing the pool below closes it too
            }
        }
        groupCommit.close();
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
