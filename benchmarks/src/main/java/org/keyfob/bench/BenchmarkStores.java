package org.keyfob.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.MasterKeys;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Filled stores for {@link StoreBenchmark}, kept between runs: an H2 file under
 * {@code benchmarks/target/store-bench/h2-<count>/}, or a PostgreSQL schema {@code kf_bench_<count>}
 * (at {@code KEYFOB_BENCH_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code KEYFOB_BENCH_PG_USER}, default {@code postgres}). A marker file written after a complete
 * fill says the store can be reused; without it the store is wiped and filled again.
 *
 * <p>Token {@code i} has serial {@code T0000042}-style and belongs to its own user {@code u0000042}.
 * Tokens go in through {@code TokenStore.addAll} (10,000 a call), as an import would. Users and
 * assignments go in as set-based SQL over a plain JDBC connection, with the audit rows
 * {@code UserStore.add} and {@code TokenStore.assign} would have written: those calls are one
 * transaction and one commit per user, which for a million users takes far longer than the
 * benchmark itself and measures nothing we want here.
 */
final class BenchmarkStores {
    static final Instant FILLED_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final int BATCH = 10_000;
    private static final int SQL_CHUNK = 100_000;
    private static final String PG_URL = Optional.ofNullable(System.getenv("KEYFOB_BENCH_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = Optional.ofNullable(System.getenv("KEYFOB_BENCH_PG_USER"))
            .orElse("postgres");

    private BenchmarkStores() {
    }

    static String serial(int i) {
        return "T" + padded(i);
    }

    static String user(int i) {
        return "u" + padded(i);
    }

    private static String padded(int i) {
        String digits = Integer.toString(i);
        return "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }

    /** A store holding {@code count} tokens, each assigned to its own user; filled on first use. */
    static JdbiStore open(String backend, int count) {
        Path dir = cacheRoot().resolve(backend + "-" + count);
        Path marker = cacheRoot().resolve(backend + "-" + count + ".filled");
        StoreSettings settings = settings(backend, count, dir);
        MasterKeys keys = MasterKeyFile.loadOrCreate(cacheRoot().resolve(backend + "-" + count + ".key"));
        if (Files.exists(marker)) {
            JdbiStore store = JdbiStore.open(settings, keys, Clock.fixed(FILLED_AT, ZoneOffset.UTC));
            if (store.tokens().count() == count) {
                return store;
            }
            store.close();
        }
        wipe(backend, count, dir, marker);
        long started = System.nanoTime();
        try (JdbiStore filling = JdbiStore.open(settings, keys, Clock.fixed(FILLED_AT, ZoneOffset.UTC))) {
            fill(filling, settings, count);
        }
        compact(settings);
        System.out.printf("filled %s with %,d tokens and users in %.1f s; %,d bytes per token once compacted%n",
                backend, count, (System.nanoTime() - started) / 1e9, size(backend, count) / count);
        JdbiStore store = JdbiStore.open(settings, keys, Clock.fixed(FILLED_AT, ZoneOffset.UTC));
        try {
            Files.writeString(marker, FILLED_AT + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + marker, e);
        }
        return store;
    }

    /** Bytes on disk for the whole store (tokens, users, assignments, audit, indexes). */
    static long size(String backend, int count) {
        if (backend.equals("h2")) {
            try {
                return Files.size(cacheRoot().resolve(backend + "-" + count).resolve("keyfob.mv.db"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the H2 file size", e);
            }
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind = 'r'")) {
            s.setString(1, schema(count));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL relation sizes", e);
        }
    }

    /** The version column of every token, indexed like {@link #serial(int)}, for compare-and-set. */
    static long[] versions(String backend, int count) {
        long[] versions = new long[count];
        try (Connection c = connect(settings(backend, count, cacheRoot().resolve(backend + "-" + count)));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT serial, version FROM tokens")) {
            while (rs.next()) {
                versions[Integer.parseInt(rs.getString(1).substring(1))] = rs.getLong(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read token versions", e);
        }
        return versions;
    }

    private static StoreSettings settings(String backend, int count, Path dir) {
        return switch (backend) {
            case "h2" -> StoreSettings.h2File(dir);
            case "postgresql" -> {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema(count));
                } catch (SQLException e) {
                    throw new IllegalStateException("PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER
                            + " (" + e.getMessage() + "); start it, set KEYFOB_BENCH_PG_URL/KEYFOB_BENCH_PG_USER,"
                            + " or run with -p backend=h2", e);
                }
                String sep = PG_URL.contains("?") ? "&" : "?";
                yield new StoreSettings(PG_URL + sep + "currentSchema=" + schema(count), Optional.of(PG_USER),
                        Optional.empty(), 4);
            }
            default -> throw new IllegalArgumentException("backend must be h2 or postgresql, was " + backend);
        };
    }

    private static String schema(int count) {
        return "kf_bench_" + count;
    }

    private static void fill(JdbiStore store, StoreSettings settings, int count) {
        long started = System.nanoTime();
        Actor filler = new Actor(Actor.Kind.SYSTEM, "bench-fill");
        SplittableRandom random = new SplittableRandom(42);
        for (int from = 0; from < count; from += BATCH) {
            List<NewToken> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                byte[] seed = new byte[20];
                random.nextBytes(seed);
                batch.add(new NewToken(new Token(new Serial(serial(i)), TokenSpec.hotp(HashAlgorithm.SHA1, 6),
                        Seed.of(seed), TokenStatus.VALID, TokenState.initial(0)), TokenDetails.NONE));
            }
            store.tokens().addAll(batch, filler);
        }
        System.out.printf("  tokens through addAll: %.1f s%n", (System.nanoTime() - started) / 1e9);
        String user = "'u' || SUBSTRING(t.serial, 2)";
        String range = " WHERE t.id > ? AND t.id <= ?";
        List<String> statements = List.of(
                "INSERT INTO users (name, created) SELECT " + user + ", t.created FROM tokens t" + range,
                "INSERT INTO assignments (token_id, user_id, created) SELECT t.id, u.id, t.created"
                        + " FROM tokens t JOIN users u ON u.name = " + user + range,
                "INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail) SELECT t.created,"
                        + " 'E_USER_ADDED', '" + filler + "', " + user + ", NULL, '' FROM tokens t" + range,
                "INSERT INTO audit (occurred_at, event, actor, user_name, serial, detail) SELECT t.created,"
                        + " 'E_TOKEN_ASSIGNED', '" + filler + "', " + user + ", t.serial, '' FROM tokens t" + range);
        try (Connection c = connect(settings)) {
            long maxId;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM tokens")) {
                rs.next();
                maxId = rs.getLong(1);
            }
            for (String sql : statements) {
                long step = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (long low = 0; low < maxId; low += SQL_CHUNK) {
                        s.setLong(1, low);
                        s.setLong(2, low + SQL_CHUNK);
                        s.executeUpdate();
                    }
                }
                System.out.printf("  %s: %.1f s%n", sql.substring(0, sql.indexOf(" SELECT")),
                        (System.nanoTime() - step) / 1e9);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add the benchmark users and assignments", e);
        }
    }

    /**
     * Leaves the store as a long-running server would see it once settled: H2 rewrites its file
     * without the pages the fill's large transactions left behind (it otherwise compacts only a
     * little at each close); PostgreSQL gets its statistics and visibility map.
     */
    private static void compact(StoreSettings settings) {
        try (Connection c = connect(settings); Statement s = c.createStatement()) {
            s.execute(settings.isPostgres() ? "VACUUM ANALYZE" : "SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compact the filled benchmark store", e);
        }
    }

    private static Connection connect(StoreSettings settings) throws SQLException {
        Properties props = new Properties();
        settings.user().ifPresent(u -> props.setProperty("user", u));
        settings.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(settings.url(), props);
    }

    private static void wipe(String backend, int count, Path dir, Path marker) {
        try {
            Files.deleteIfExists(marker);
            if (backend.equals("postgresql")) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema(count) + " CASCADE");
                    s.execute("CREATE SCHEMA " + schema(count));
                }
            } else if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot clear the old benchmark store for " + backend + "-" + count, e);
        }
    }

    /** {@code benchmarks/target/store-bench}, found from where this class was loaded, whatever the cwd. */
    static Path cacheRoot() {
        try {
            Path loadedFrom = Paths.get(BenchmarkStores.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = loadedFrom.getParent().resolve("store-bench");
            Files.createDirectories(root);
            return root;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot find or create the benchmark store directory", e);
        }
    }
}
