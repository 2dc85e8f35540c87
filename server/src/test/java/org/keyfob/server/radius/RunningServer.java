package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.config.ClientConfig;
import org.keyfob.config.RadiusConfig;
import org.keyfob.config.ReplyDictionary;

/**
 * The real {@link RadiusService} on 127.0.0.1 and a free port, over a real H2 file store in a
 * test directory, with one user ({@value #USER}, PIN {@value #PIN}) holding one 6-digit HOTP-SHA1
 * token at counter 0. The clock is fixed, so lockouts and challenges never expire mid-test.
 */
final class RunningServer implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String USER = "bob";
    static final String PIN = "4711";
    static final Serial SERIAL = new Serial("E2E-HOTP-1");
    static final String SECRET = "e2e-shared-secret-7f3a9c";
    /** The token's seed, hex, as oathtool takes it. Not an RFC vector, so no code is guessable. */
    static final String SEED_HEX = "8d1f0c6a92e4b3577a10c2d9e6f4813b5a0c7e29";
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final JdbiStore store;
    private final RadiusService service;

    private RunningServer(JdbiStore store, RadiusService service) {
        this.store = store;
        this.service = service;
    }

    /** One client, {@code e2e} at 127.0.0.1 with {@link #SECRET}, in PIN+code mode. */
    static RunningServer start(Path dir) throws IOException {
        return start(dir, client(Optional.empty(), false));
    }

    static ClientConfig client(Optional<PasswordMode> mode, boolean legacy) {
        return new ClientConfig("e2e", "127.0.0.1", SECRET, mode, legacy);
    }

    static RunningServer start(Path dir, ClientConfig client) throws IOException {
        return start(dir, client, ReplyDictionary.standard());
    }

    /** As {@link #start(Path)}, encoding reply attributes with {@code dictionary}. */
    static RunningServer start(Path dir, ReplyDictionary dictionary) throws IOException {
        return start(dir, client(Optional.empty(), false), dictionary);
    }

    static RunningServer start(Path dir, ClientConfig client, ReplyDictionary dictionary) throws IOException {
        return start(dir, client, dictionary, LOOPBACK);
    }

    /** As above, listening on {@code listen} (e.g. the IPv6 loopback {@code ::1}). */
    static RunningServer start(Path dir, ClientConfig client, ReplyDictionary dictionary, InetAddress listen)
            throws IOException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JdbiStore store = JdbiStore.open(StoreSettings.h2File(dir.resolve("data")),
                MasterKeyFile.loadOrCreate(dir.resolve("keyfob.key")), clock);
        try {
            Actor admin = Actor.admin("e2e-test");
            store.users().add(USER, Optional.of(new PinHasher(1_000).hash(PIN)), admin);
            Token token = new Token(SERIAL, TokenSpec.hotp(HashAlgorithm.SHA1, 6),
                    Seed.of(HexFormat.of().parseHex(SEED_HEX)), TokenStatus.VALID, TokenState.initial(0));
            store.tokens().addAll(List.of(new NewToken(token, TokenDetails.NONE)), admin);
            store.tokens().assign(SERIAL, USER, AssignmentLimits.ONE_TO_ONE, admin);
            RadiusConfig config = new RadiusConfig(List.of(listen), 0, PasswordMode.PIN_OTP, List.of(client));
            return new RunningServer(store, RadiusService.start(config, dictionary, store, clock));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The code for {@code counter}, from oath-core's HOTP (checked against RFC 4226 there). */
    static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, Seed.of(HexFormat.of().parseHex(SEED_HEX)), counter, 6);
    }

    InetSocketAddress address() {
        return service.boundAddresses().get(0);
    }

    int port() {
        return address().getPort();
    }

    Store store() {
        return store;
    }

    /** Where a second transport (RadSec) hands its packets to this server's workers. */
    RequestIntake intake() {
        return service.intake();
    }

    RadiusCounters counters() {
        return service.counters();
    }

    /** How many RADIUS clients the server knows now. */
    int clientCount() {
        return service.clientCount();
    }

    long counter(String name) {
        return service.counters().get(name);
    }

    /** The detail column of every audit row of {@code type}, oldest first. */
    List<String> auditDetails(AuditEventType type) {
        return store.audit().query(AuditQuery.ALL.ofType(type)).stream().map(e -> e.event().detail()).toList();
    }

    /** Polls {@code condition} until it holds, failing after a generous bound; no fixed sleep. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).describedAs("waited 20 s for " + what).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            store.close();
        }
    }
}
