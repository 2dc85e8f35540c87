package org.keyfob.oath.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
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

    private JdbiStore(HikariDataSource dataSource, SecretCipher cipher, Clock clock, String schemaVersion) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Jdbi's default message lists bound values; ours bind only ciphertext, but never risk it.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.audit = new JdbiAuditLog(jdbi);
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
     */
    public static JdbiStore open(StoreSettings settings, Path keyFile, Clock clock) {
        return open(settings, new SecretCipher(MasterKeyFile.loadOrCreate(keyFile), () -> MasterKeyFile.reload(keyFile)),
                clock);
    }

    /** Connects with fixed {@code keys}, brings the schema up to date, and returns the store. */
    public static JdbiStore open(StoreSettings settings, MasterKeys keys, Clock clock) {
        return open(settings, new SecretCipher(keys), clock);
    }

    private static JdbiStore open(StoreSettings settings, SecretCipher cipher, Clock clock) {
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
        try {
            KeyCoverage.check(store.jdbi, cipher);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.debug("store open: {}", settings);
        return store;
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
