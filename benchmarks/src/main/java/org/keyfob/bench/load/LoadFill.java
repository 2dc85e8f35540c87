package org.keyfob.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Fills a Keyfob store for the load test: {@code tokens} tokens, each assigned to its own user
 * ({@link BenchUser}), and writes beside it {@code users.csv} (the first {@code active} users with
 * their PIN and seed, which the load generator reads) and {@code freeradius-users} (the same users
 * with a static PAP password, for the FreeRADIUS comparison). Also writes {@code keyfob.key}.
 *
 * <p>Tokens go in through {@code TokenStore.addAll} (10,000 a transaction, seeds encrypted as an
 * import would); users and assignments as set-based SQL. The active users' PINs are hashed with
 * 1,000 PBKDF2 iterations rather than the default 100,000 so the server's first login per user
 * (before its PIN cache holds the user) does not dominate a short run; every other user shares one
 * hash. A marker file written last lets a second fill of the same size reuse the store.
 */
final class LoadFill {
    private static final int BATCH = 10_000;
    private static final long SQL_CHUNK = 100_000;
    private static final Instant FILLED_AT = Instant.parse("2026-11-22T10:00:00Z");

    private LoadFill() {
    }

    /** {@code fill --dir DIR --tokens N --active M [--pg-url URL]}; prints the store settings. */
    static void main(Args args) throws Exception {
        Path dir = Path.of(args.string("dir", "benchmarks/target/load-store")).toAbsolutePath().normalize();
        int tokens = args.integer("tokens", 1_000);
        int active = Math.min(tokens, args.integer("active", 1_000));
        Optional<String> pgUrl = args.optional("pg-url");
        Path marker = dir.resolve("filled");
        if (Files.exists(marker) && Files.readString(marker).trim().equals(tokens + " " + active)) {
            System.out.printf("fill: reusing %s (%,d tokens, %,d active users)%n", dir, tokens, active);
            return;
        }
        wipe(dir, pgUrl);
        Files.createDirectories(dir);
        StoreSettings settings = pgUrl.map(url -> new StoreSettings(url, Optional.empty(), Optional.empty(), 4))
                .orElseGet(() -> StoreSettings.h2File(dir));
        long started = System.nanoTime();
        try (JdbiStore store = JdbiStore.open(settings, MasterKeyFile.loadOrCreate(dir.resolve("keyfob.key")),
                Clock.fixed(FILLED_AT, ZoneOffset.UTC))) {
            addTokens(store, tokens);
        }
        System.out.printf("fill: %,d tokens in %.1f s%n", tokens, (System.nanoTime() - started) / 1e9);
        try (Connection c = DriverManager.getConnection(settings.url())) {
            addUsers(c, active);
            c.createStatement().execute(settings.isPostgres() ? "VACUUM ANALYZE" : "SHUTDOWN COMPACT");
        }
        writeFiles(dir, active);
        Files.writeString(marker, tokens + " " + active + "\n");
        System.out.printf("fill: done in %.1f s (%s)%n", (System.nanoTime() - started) / 1e9, dir);
    }

    private static void addTokens(JdbiStore store, int count) {
        Actor filler = new Actor(Actor.Kind.SYSTEM, "bench-fill");
        for (int from = 0; from < count; from += BATCH) {
            List<NewToken> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                BenchUser u = BenchUser.of(i);
                TokenSpec spec = u.totp() ? TokenSpec.totp(HashAlgorithm.SHA1, 6, Duration.ofSeconds(30))
                        : TokenSpec.hotp(HashAlgorithm.SHA1, 6);
                batch.add(new NewToken(new Token(new Serial(u.serial()), spec, u.seed(), TokenStatus.VALID,
                        TokenState.initial(0)), TokenDetails.NONE));
            }
            store.tokens().addAll(batch, filler);
        }
    }

    private static void addUsers(Connection c, int active) throws SQLException {
        long step = System.nanoTime();
        String shared = new PinHasher(1_000).hash("not-a-bench-pin");
        String user = "'u' || SUBSTRING(t.serial, 2)";
        String range = " WHERE t.id > ? AND t.id <= ?";
        List<String> statements = List.of(
                "INSERT INTO users (name, pin_hash, created) SELECT " + user + ", ?, t.created FROM tokens t" + range,
                "INSERT INTO assignments (token_id, user_id, created) SELECT t.id, u.id, t.created"
                        + " FROM tokens t JOIN users u ON u.name = " + user + range);
        long maxId;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM tokens")) {
            rs.next();
            maxId = rs.getLong(1);
        }
        for (String sql : statements) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (long low = 0; low < maxId; low += SQL_CHUNK) {
                    int p = 1;
                    if (sql.contains("pin_hash")) {
                        s.setString(p++, shared);
                    }
                    s.setLong(p++, low);
                    s.setLong(p, low + SQL_CHUNK);
                    s.executeUpdate();
                }
            }
        }
        PinHasher hasher = new PinHasher(1_000);
        try (PreparedStatement s = c.prepareStatement("UPDATE users SET pin_hash = ? WHERE name = ?")) {
            for (int i = 0; i < active; i++) {
                BenchUser u = BenchUser.of(i);
                s.setString(1, hasher.hash(u.pin()));
                s.setString(2, u.name());
                s.addBatch();
            }
            s.executeBatch();
        }
        System.out.printf("fill: users, assignments and %,d PIN hashes in %.1f s%n", active,
                (System.nanoTime() - step) / 1e9);
    }

    private static void writeFiles(Path dir, int active) throws IOException {
        StringBuilder csv = new StringBuilder("# index,user,serial,kind,pin,seed_hex (benchmark users only)\n");
        StringBuilder radius = new StringBuilder("# FreeRADIUS users file: the load test's users, static PAP passwords\n");
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < active; i++) {
            BenchUser u = BenchUser.of(i);
            byte[] seed = u.seed().revealBytes();
            csv.append(i).append(',').append(u.name()).append(',').append(u.serial()).append(',')
                    .append(u.totp() ? "TOTP" : "HOTP").append(',').append(u.pin()).append(',')
                    .append(hex.formatHex(seed)).append('\n');
            radius.append(u.name()).append(" Cleartext-Password := \"").append(u.staticPassword()).append("\"\n");
        }
        Files.writeString(dir.resolve("users.csv"), csv);
        Files.writeString(dir.resolve("freeradius-users"), radius);
    }

    private static void wipe(Path dir, Optional<String> pgUrl) throws SQLException {
        if (pgUrl.isPresent()) {
            String schema = pgUrl.get().replaceAll(".*currentSchema=([A-Za-z0-9_]+).*", "$1");
            if (schema.equals(pgUrl.get())) {
                throw new IllegalArgumentException("--pg-url must name its own schema with currentSchema=..., was "
                        + pgUrl.get());
            }
            try (Connection c = DriverManager.getConnection(pgUrl.get()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
        }
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
