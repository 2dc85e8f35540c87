package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;
import static org.keyfob.oath.store.jdbi.StoreFixture.seedFor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;
import org.slf4j.LoggerFactory;

/**
 * Seeds are encrypted at rest and never printed (STYLE §5). With tokens added, assigned and
 * verified, the database (H2's files, or a pg_dump of the schema) must hold no seed in any usual
 * encoding; and nothing logged, thrown or returned along the way, error paths included, may
 * print one. The search itself is checked by {@link SeedEncodingsTest}.
 *
 * <p>Logs are captured from the root logger at level ALL, so DEBUG and TRACE output counts too.
 * The PostgreSQL JDBC driver logs through java.util.logging, which this does not capture.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SeedsAtRestTest {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final List<String> SERIALS = List.of("REST-HOTP-1", "REST-HOTP-2", "REST-TOTP-1");
    private static final Duration STEP = Duration.ofSeconds(30);

    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    private final SeedEncodings seeds = new SeedEncodings();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private StoreFixture fixture;
    private JdbiStore store;
    /** toString of everything the store and TokenCheck returned, and of every exception caught. */
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void captureLogsAndOpen() {
        SERIALS.forEach(s -> seeds.add(s, seedFor(s)));
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        captured.start();
        root.addAppender(captured);
        fixture = new StoreFixture(backend, tempDir);
        store = fixture.open();
    }

    @AfterEach
    void restoreLogsAndClose() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
        fixture.close();
    }

    @Test
    void databaseHoldsNoSeedInAnyEncoding() throws Exception {
        useTheStore();
        store.close();

        byte[] contents;
        String where;
        if (backend == Backend.H2) {
            List<String> found = new ArrayList<>();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(tempDir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                found.addAll(seeds.findIn(Files.readAllBytes(file), tempDir.relativize(file).toString()));
            }
            assertThat(found).describedAs("seeds found in the files of %s", files).isEmpty();
            contents = Files.readAllBytes(tempDir.resolve("keyfob.mv.db"));
            where = "keyfob.mv.db";
        } else {
            contents = pgDump(fixture.settings());
            where = "pg_dump";
            assertThat(seeds.findIn(contents, where)).describedAs("seeds found in the dump").isEmpty();
        }
        // The search ran over the real data: the rows are there, only their seeds are not readable.
        for (String serial : SERIALS) {
            assertThat(SeedEncodings.indexOf(contents, serial.getBytes(StandardCharsets.US_ASCII)))
                    .describedAs("position of serial %s in %s", serial, where).isNotNegative();
        }
    }

    @Test
    void logsExceptionsAndReturnedValuesShowNoSeed() {
        useTheStore();
        // A key file that does not hold the row's key id, and one with the right id but other key bytes.
        MasterKeys unknownId = new MasterKeys(List.of(new MasterKey("other-key", randomKey())));
        MasterKeys wrongBytes = new MasterKeys(List.of(new MasterKey(fixture.keys().active().id(), randomKey())));
        printThrown(catchThrowable(() -> JdbiStore.open(fixture.settings(), unknownId, Clock.fixed(NOW, ZoneOffset.UTC))));
        try (JdbiStore wrong = JdbiStore.open(fixture.settings(), wrongBytes, Clock.fixed(NOW, ZoneOffset.UTC))) {
            printThrown(catchThrowable(() -> wrong.tokens().find(new Serial("REST-HOTP-1"))));
            printThrown(catchThrowable(() -> wrong.tokens().findByUser("bob")));
        }

        List<String> texts = new ArrayList<>(printed);
        // Pool threads may still be logging; doAppend holds the appender's lock, so copy under it.
        List<ILoggingEvent> events;
        synchronized (captured) {
            events = new ArrayList<>(captured.list);
        }
        events.forEach(e -> texts.addAll(texts(e)));
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            found.addAll(seeds.findIn(text, "\"" + text + "\""));
        }

        assertThat(found).describedAs("seeds in log lines, exception messages or toString").isEmpty();
        // What was searched is real: DEBUG lines were captured, and each error path did throw.
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("store open: "));
        assertThat(printed).filteredOn(p -> p.startsWith(StoreException.class.getName()))
                .anyMatch(p -> p.contains("nothing was added"))
                .anyMatch(p -> p.contains("which the key file (store.key-file) does not contain"))
                .anyMatch(p -> p.contains("does not decrypt"));
    }

    /**
     * Adds, assigns, finds and verifies, and adds a duplicate, keeping the toString of every value
     * that comes back and of the exception.
     */
    private void useTheStore() {
        Token totp = new Token(new Serial("REST-TOTP-1"), TokenSpec.totp(HashAlgorithm.SHA1, 6, STEP),
                seedFor("REST-TOTP-1"), TokenStatus.VALID, TokenState.initial(0));
        store.tokens().addAll(List.of(hotp("REST-HOTP-1", 0), hotp("REST-HOTP-2", 5),
                new NewToken(totp, TokenDetails.NONE)), ADMIN);
        store.users().add("bob", Optional.empty(), ADMIN);
        store.users().add("carol", Optional.empty(), ADMIN);
        printed.add(store.tokens().assign(new Serial("REST-HOTP-1"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN)
                .toString());
        printed.add(store.tokens().assign(new Serial("REST-TOTP-1"), "carol", AssignmentLimits.ONE_TO_ONE, ADMIN)
                .toString());

        TokenCheck check = new TokenCheck(store.tokens(), new Verifier(OtpPolicy.DEFAULT));
        Serial hotp1 = new Serial("REST-HOTP-1");
        String first = Hotp.generate(HashAlgorithm.SHA1, seedFor(hotp1.value()), 0, 6);
        printed.add(check.check(hotp1, first, NOW).toString());
        printed.add(check.check(hotp1, first, NOW).toString()); // replay
        printed.add(check.check(hotp1, "000000", NOW).toString());
        printed.add(check.check(new Serial("REST-HOTP-2"),
                Hotp.generate(HashAlgorithm.SHA1, seedFor("REST-HOTP-2"), 5, 6), NOW).toString());
        printed.add(check.check(new Serial("REST-TOTP-1"),
                Totp.generate(HashAlgorithm.SHA1, seedFor("REST-TOTP-1"), NOW, STEP, 0, 6), NOW).toString());

        printed.add(store.tokens().find(hotp1).toString());
        printed.add(store.tokens().findByUser("bob").toString());
        printed.add(store.tokens().findByUser("carol").toString());
        printed.add(store.users().list().toString());
        // An error path too: whatever it leaves in logs, messages or files (an H2 trace file) is searched.
        printThrown(catchThrowable(() -> store.tokens().addAll(List.of(hotp("REST-HOTP-1", 0)), ADMIN)));
    }

    private void printThrown(Throwable thrown) {
        assertThat(thrown).isInstanceOf(StoreException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            printed.add(t.toString());
            for (Throwable s : t.getSuppressed()) {
                printed.add(s.toString());
            }
        }
    }

    /** Everything an appender could write for {@code event}: message, arguments, MDC, exceptions. */
    private static List<String> texts(ILoggingEvent event) {
        List<String> out = new ArrayList<>();
        out.add(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                out.add(String.valueOf(argument));
            }
        }
        out.addAll(event.getMDCPropertyMap().values());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            out.add(t.getClassName() + ": " + t.getMessage());
            for (IThrowableProxy s : t.getSuppressed()) {
                out.add(s.getClassName() + ": " + s.getMessage());
            }
        }
        return out;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * The schema of {@code settings} as {@code pg_dump -n <schema>} prints it (plain SQL: bytea
     * columns come out as {@code \x} and lower-case hex), with anything pg_dump says on stderr.
     */
    private static byte[] pgDump(StoreSettings settings) throws IOException, InterruptedException {
        URI uri = URI.create(settings.url().substring("jdbc:".length()));
        String schema = settings.url().substring(settings.url().indexOf("currentSchema=") + "currentSchema=".length());
        List<String> command = List.of("pg_dump", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0
                ? 5432 : uri.getPort()), "-U", settings.user().orElse("postgres"), "-n", schema,
                uri.getPath().substring(1));
        Process dump;
        try {
            dump = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            abort("pg_dump is not installed (" + e.getMessage() + "); install the PostgreSQL client"
                    + " tools to check the PostgreSQL store at rest");
            throw e;
        }
        byte[] out = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).describedAs("exit status of %s, which said: %s", command,
                new String(out, StandardCharsets.UTF_8)).isZero();
        return out;
    }
}
