package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.CidrBlock;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.auth.AuthPolicy;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.Durability;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;
import org.slf4j.LoggerFactory;

class RequestIntakeTest {
    private static final String SECRET = "intake-test-secret";
    private static final InetSocketAddress NAS_ADDRESS = new InetSocketAddress(RunningServer.LOOPBACK, 40_000);
    private static final Nas NAS = new Nas("vpn1", CidrBlock.parse("127.0.0.1/32"), SharedSecret.of(SECRET),
            PasswordMode.PIN_OTP, false);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> authAppender = new ListAppender<>();
    private final Logger authLogger = (Logger) LoggerFactory.getLogger("keyfob.auth");
    private final List<ILoggingEvent> authLines = authAppender.list;
    private final ListAppender<ILoggingEvent> intakeAppender = new ListAppender<>();
    private final Logger intakeLogger = (Logger) LoggerFactory.getLogger(RequestIntake.class);
    private final List<ILoggingEvent> intakeLines = intakeAppender.list;

    @BeforeEach
    void captureAuthLines() {
        authAppender.start();
        authLogger.addAppender(authAppender);
        intakeAppender.start();
        intakeLogger.addAppender(intakeAppender);
    }

    @AfterEach
    void releaseAuthLines() {
        authLogger.detachAppender(authAppender);
        intakeLogger.detachAppender(intakeAppender);
    }

    @Test
    void anAnswerLeavesOnlyOnceTheLoginsWritesAreDurableAndNoneIfTheyFail() throws Exception {
        Clock clock = Clock.fixed(RunningServer.NOW, ZoneOffset.UTC);
        try (JdbiStore store = JdbiStore.open(StoreSettings.h2File(dir.resolve("data")),
                MasterKeyFile.loadOrCreate(dir.resolve("keyfob.key")), clock)) {
            StoreSeed.userWithHotpToken(store);
            // Stands in for the login journal, whose fsync a test cannot hold back:
            // each accept's write is handed over as the future the test completes.
            List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
            Store journaling = withDeferredAccepts(store, writes);
            RadiusCounters counters = new RadiusCounters();
            RequestProcessor processor = new RequestProcessor(new Authenticator(journaling,
                    new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT), journaling.users(),
                    ReplyDictionary.standard(), clock, counters);
            RequestIntake intake = new RequestIntake(processor, Runnable::run, 16, counters);
            DuplicateCache duplicates = new DuplicateCache(Duration.ofSeconds(30), 100);
            List<byte[]> sent = new CopyOnWriteArrayList<>();
            byte[] first = login(1, RunningServer.code(0));

            intake.receive(NAS, first, NAS_ADDRESS, duplicates, sent::add);
            assertThat(writes).describedAs("accepts waiting for the disk").hasSize(1);
            assertThat(sent).describedAs("answers before the write is durable").isEmpty();
            assertThat(counters.inFlight()).describedAs("in flight, waiting for the disk").isEqualTo(1);
            assertThat(counters.accepts.sum()).describedAs("accepts counted before the write is durable").isZero();
            assertThat(authLines).describedAs("keyfob.auth lines before the write is durable").isEmpty();
            intake.receive(NAS, first, NAS_ADDRESS, duplicates, sent::add);
            assertThat(sent).describedAs("answers to its retransmission meanwhile").isEmpty();
            writes.get(0).complete(null);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)[0]).describedAs("answer code").isEqualTo((byte) WireRequest.ACCESS_ACCEPT);
            assertThat(counters.accepts.sum()).isEqualTo(1);
            assertThat(authLines).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains("user=" + RunningServer.USER, "result=ACCEPT");
                assertThat(line.getMDCPropertyMap()).describedAs("the worker's MDC, on the writer's thread")
                        .containsEntry("nas", "vpn1").containsEntry("id", "1");
            });

            byte[] second = login(2, RunningServer.code(1));
            intake.receive(NAS, second, NAS_ADDRESS, duplicates, sent::add);
            writes.get(1).completeExceptionally(new StoreException("cannot write the login journal"));
            assertThat(sent).describedAs("answers after a failed write").hasSize(1);
            assertThat(counters.accepts.sum()).describedAs("accepts counted after a failed write").isEqualTo(1);
            assertThat(authLines).describedAs("keyfob.auth lines after a failed write").hasSize(1);
            assertThat(counters.storeErrors.sum()).isEqualTo(1);
            assertThat(counters.inFlight()).describedAs("in flight after the failed write").isZero();
            // The NAS retries: verified again, and the code, used before the write failed, stays used.
            intake.receive(NAS, second, NAS_ADDRESS, duplicates, sent::add);
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1)[0]).describedAs("answer code").isEqualTo((byte) WireRequest.ACCESS_REJECT);

            // While the store fails (a full disk), each failed login is counted, not each logged.
            intake.receive(NAS, login(3, RunningServer.code(2)), NAS_ADDRESS, duplicates, sent::add);
            writes.get(2).completeExceptionally(new StoreException("cannot write the login journal"));
            assertThat(counters.storeErrors.sum()).isEqualTo(2);
            assertThat(intakeLines).describedAs("log lines for two logins the store failed").singleElement()
                    .satisfies(line -> assertThat(line.getFormattedMessage()).contains("no answer to request 2",
                            "cannot write the login journal"));
        }
    }

    @Test
    void requestsBeyondTheInFlightBoundAreDroppedAndCountedUntilOneIsAnswered() throws Exception {
        Clock clock = Clock.fixed(RunningServer.NOW, ZoneOffset.UTC);
        try (JdbiStore store = JdbiStore.open(StoreSettings.h2File(dir.resolve("data")),
                MasterKeyFile.loadOrCreate(dir.resolve("keyfob.key")), clock)) {
            RadiusCounters counters = new RadiusCounters();
            RequestProcessor processor = new RequestProcessor(new Authenticator(store,
                    new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT), store.users(), ReplyDictionary.standard(),
                    clock, counters);
            List<Runnable> held = new ArrayList<>();
            RequestIntake intake = new RequestIntake(processor, held::add, 2, counters);
            DuplicateCache duplicates = new DuplicateCache(Duration.ofSeconds(30), 100);
            List<byte[]> sent = new CopyOnWriteArrayList<>();

            for (int id = 1; id <= 3; id++) {
                intake.receive(NAS, request(id), NAS_ADDRESS, duplicates, sent::add);
            }
            assertThat(held).describedAs("requests handed to a worker").hasSize(2);
            assertThat(counters.droppedOverload.sum()).isEqualTo(1);
            assertThat(counters.inFlight()).isEqualTo(2);

            held.get(0).run(); // an unknown user: rejected, answered, out of flight
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)[0]).describedAs("answer code").isEqualTo((byte) WireRequest.ACCESS_REJECT);
            assertThat(counters.inFlight()).isEqualTo(1);
            intake.receive(NAS, request(4), NAS_ADDRESS, duplicates, sent::add);
            assertThat(held).describedAs("requests handed to a worker, one answered since").hasSize(3);
            assertThat(counters.droppedOverload.sum()).isEqualTo(1);
            // The dropped one was forgotten, so its retransmission is worked on, not taken for a duplicate.
            intake.receive(NAS, request(3), NAS_ADDRESS, duplicates, sent::add);
            assertThat(counters.droppedOverload.sum()).describedAs("dropped again: still two in flight").isEqualTo(2);
            assertThat(counters.duplicates.sum()).isZero();
        }
    }

    private static byte[] request(int identifier) {
        return accessRequest(identifier, "nobody", "1234123456");
    }

    private static byte[] login(int identifier, String code) {
        return accessRequest(identifier, RunningServer.USER, RunningServer.PIN + code);
    }

    private static byte[] accessRequest(int identifier, String user, String password) {
        byte[] authenticator = new byte[16];
        authenticator[0] = (byte) identifier;
        return WireRequest.accessRequest(SECRET, identifier, authenticator, user, password, new byte[0]);
    }

    /**
     * {@code store}, except that each accept's write, once made, is handed to the caller's
     * {@link Durability#collect} as a new future added to {@code writes}, as the journal does.
     */
    private static Store withDeferredAccepts(Store store, List<CompletableFuture<Void>> writes) {
        TokenStore tokens = proxy(TokenStore.class, store.tokens(), (method, result) -> {
            if (method.getName().equals("compareAndSetAccepted") && (Boolean) result) {
                CompletableFuture<Void> write = new CompletableFuture<>();
                writes.add(write);
                assertThat(Durability.defer(write)).describedAs("the server collects durability").isTrue();
            }
        });
        return proxy(Store.class, store, (method, result) -> {
        }, tokens);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, BiConsumer<Method, Object> after, Object... replacing) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            for (Object r : replacing) {
                if (method.getReturnType().isInstance(r)) {
                    return r;
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            after.accept(method, result);
            return result;
        });
    }
}
