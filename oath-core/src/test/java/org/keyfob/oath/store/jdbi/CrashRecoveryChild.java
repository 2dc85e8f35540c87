package org.keyfob.oath.store.jdbi;

import ch.qos.logback.classic.Level;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.auth.TokenCheck;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server that {@link CrashRecoveryTest} kills: a separate JVM that opens the store and checks
 * the token's successive HOTP codes through {@link TokenCheck} as fast as it can, until it is
 * killed, each as a login of user {@link #USER} the way the server checks it: an accept is
 * written by the store's group commit, with the user's success and the audit row. After each accepted code is committed it writes {@code accepted <counter>} to stdout and
 * flushes, as a server answers only after the write: so every reported code is one a user was
 * told was good. It first writes {@code start <counter>}, the counter it found in the store.
 *
 * <p>Arguments: store URL, database user ({@code -} for none), master key file, token serial, and
 * optionally {@code serving}: then it opens the store as the server does
 * ({@link JdbiStore#openServing}), deciding logins in memory with the login journal, and with no
 * checkpoint for an hour, so every accept it reports is in the journal only
 * ({@link JournalCrashRecoveryTest}). The token's seed is {@link StoreFixture#seedFor} its serial.
 * Exits with status 3 if a code it expected to be accepted was not.
 */
public final class CrashRecoveryChild {
    /** The user each login is made as; {@link CrashRecoveryTest} creates it and assigns the token. */
    static final String USER = "crash";

    /** What the child expects in the store: token {@code serial} at counter 0, assigned to {@link #USER}. */
    static void seed(JdbiStore store, Serial serial) {
        Actor admin = Actor.admin("test");
        store.tokens().addAll(List.of(StoreFixture.hotp(serial.value(), 0)), admin);
        store.users().add(USER, Optional.empty(), admin);
        store.tokens().assign(serial, USER, AssignmentLimits.ONE_TO_ONE, admin);
    }

    private CrashRecoveryChild() {
    }

    public static void main(String[] args) {
        // stdout carries the protocol; logback-test.xml would log INFO there too.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);

        StoreSettings settings = new StoreSettings(args[0], args[1].equals("-") ? Optional.empty()
                : Optional.of(args[1]), Optional.empty(), 2);
        Serial serial = new Serial(args[3]);
        Seed seed = StoreFixture.seedFor(serial.value());
        Clock clock = Clock.fixed(StoreFixture.NOW, ZoneOffset.UTC);
        boolean serving = args.length > 4 && args[4].equals("serving");
        Store store = serving ? JdbiStore.openServing(settings, Path.of(args[2]), clock, Duration.ofHours(1))
                : JdbiStore.open(settings, MasterKeyFile.loadOrCreate(Path.of(args[2])), clock);
        TokenCheck check = new TokenCheck(store.tokens(), new Verifier(OtpPolicy.DEFAULT));

        long counter = store.tokens().find(serial).orElseThrow().token().state().counter();
        emit(out, "start " + counter);
        while (true) {
            String code = Hotp.generate(HashAlgorithm.SHA1, seed, counter, 6);
            Verification v = TestLogins.check(check, store.tokens(), serial, code, StoreFixture.NOW, USER);
            if (!(v instanceof Accepted a) || a.factor() != counter) {
                System.err.println("code at counter " + counter + " was not accepted: " + v);
                System.exit(3);
            }
            emit(out, "accepted " + counter);
            counter++;
        }
    }

    /** One write per line, so a kill leaves either the whole line in the pipe or none of it. */
    private static void emit(PrintStream out, String line) {
        out.print(line + "\n");
        out.flush();
    }
}
