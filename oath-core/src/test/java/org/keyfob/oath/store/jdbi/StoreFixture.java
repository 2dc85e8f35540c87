package org.keyfob.oath.store.jdbi;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/** Opens stores on a backend with a key file in a temp dir, and makes tokens with known seeds. */
public final class StoreFixture implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final Backend backend;
    private final StoreSettings settings;
    private final Path keyFile;
    private final MasterKeys keys;
    private final List<JdbiStore> opened = new ArrayList<>();

    public StoreFixture(Backend backend, Path tempDir) {
        this.backend = backend;
        this.settings = backend.freshSettings(tempDir);
        this.keyFile = tempDir.resolve("keyfob.key");
        this.keys = MasterKeyFile.loadOrCreate(keyFile);
    }

    public StoreSettings settings() {
        return settings;
    }

    public MasterKeys keys() {
        return keys;
    }

    /** The master key file, for a second process that opens the same store. */
    public Path keyFile() {
        return keyFile;
    }

    /** A new, independent store instance on the same database, as a second server would have. */
    public JdbiStore open() {
        JdbiStore store = JdbiStore.open(settings, keys, Clock.fixed(NOW, ZoneOffset.UTC));
        opened.add(store);
        return store;
    }

    /**
     * A plain JDBC connection to the same database, past the store, for looking at what it
     * actually wrote (ciphertext, key ids). The caller closes it.
     */
    public Connection jdbc() throws SQLException {
        Properties props = new Properties();
        settings.user().ifPresent(u -> props.setProperty("user", u));
        settings.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(settings.url(), props);
    }

    /** An HOTP token whose seed is derived from its serial, so tests can recompute it. */
    public static NewToken hotp(String serial, long counter) {
        return new NewToken(new Token(new Serial(serial), TokenSpec.hotp(HashAlgorithm.SHA1, 6), seedFor(serial),
                TokenStatus.VALID, TokenState.initial(counter)), TokenDetails.NONE);
    }

    /** An OCRA token with suite {@code suite}, whose seed is derived from its serial. */
    public static NewToken ocra(String serial, String suite, HashAlgorithm algorithm, int digits, long counter) {
        return new NewToken(new Token(new Serial(serial), TokenSpec.ocra(suite, algorithm, digits), seedFor(serial),
                TokenStatus.VALID, TokenState.initial(counter)), TokenDetails.NONE);
    }

    /** 20 bytes of recognisable random seed for {@code serial}. */
    public static Seed seedFor(String serial) {
        byte[] bytes = new byte[20];
        new Random(serial.hashCode()).nextBytes(bytes);
        return Seed.of(bytes);
    }

    public static String seedHex(String serial) {
        return HexFormat.of().formatHex(seedFor(serial).revealBytes());
    }

    @Override
    public void close() {
        opened.forEach(JdbiStore::close);
        backend.drop(settings);
    }
}
