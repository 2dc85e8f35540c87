package org.keyfob.server.radius;

import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.keyfob.config.StoreConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;

/**
 * keyfobd as most admins run it: its own JVM, the embedded H2 file in {@code dir/data}, one RADIUS
 * client ({@code e2e} at 127.0.0.1), and {@link StoreSeed}'s user and HOTP token. It can be started
 * again on the same file and port after it stopped, and the test JVM can open the same file as the
 * admin tool does ({@link #storeConfig()}), which while keyfobd runs goes through keyfobd's engine
 * (H2's AUTO_SERVER).
 */
final class EmbeddedKeyfobd {
    private final Path dir;
    private final Path config;
    private final int port;

    private EmbeddedKeyfobd(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** Writes keyfob.yaml in {@code dir} and seeds the store; keyfobd is not started yet. */
    static EmbeddedKeyfobd seeded(Path dir) throws IOException {
        int port = KeyfobdProcess.freeUdpPort();
        Path config = Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n",
                "radius:",
                "  listen: [127.0.0.1]",
                "  port: " + port,
                "  clients:",
                "    - {name: e2e, address: 127.0.0.1, secret: " + SECRET + "}",
                "store:",
                "  data-dir: data",
                ""));
        EmbeddedKeyfobd server = new EmbeddedKeyfobd(dir, config, port);
        // Closed before keyfobd starts, so keyfobd's JVM is the one that holds the file.
        try (Store store = StoreOpener.open(server.storeConfig())) {
            StoreSeed.userWithHotpToken(store);
        }
        return server;
    }

    /** Starts keyfobd with the shipped etc/logback.xml and waits until it listens. */
    KeyfobdProcess start() throws IOException, InterruptedException {
        return start(KeyfobdProcess.etc("logback.xml"));
    }

    /** Starts keyfobd with {@code logback} as its logging configuration and waits until it listens. */
    KeyfobdProcess start(Path logback) throws IOException, InterruptedException {
        KeyfobdProcess keyfobd = KeyfobdProcess.start(config, logback);
        try {
            keyfobd.awaitLine("listening on");
        } catch (AssertionError | InterruptedException e) {
            keyfobd.close();
            throw e;
        }
        return keyfobd;
    }

    int port() {
        return port;
    }

    /** The store as keyfob.yaml names it, for {@link StoreOpener#open} and {@link StoreOpener#openToRead}. */
    StoreConfig storeConfig() {
        return new StoreConfig(dir.resolve("data"), Optional.empty());
    }

    /** The login journal's segment files beside the store file ({@code keyfob.mv.db} → {@code keyfob.journal/}). */
    List<Path> journalSegments() throws IOException {
        Path journal = dir.resolve("data").resolve("keyfob.journal");
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal")).toList();
        }
    }

    /** {@link RunningServer#USER} logs in with {@code password} through radclient, with a Message-Authenticator. */
    Radclient.Result login(String password) throws Exception {
        return Radclient.send(port, "auth", SECRET, "User-Name = \"" + USER + "\"",
                "User-Password = \"" + password + "\"", "Message-Authenticator = 0x00");
    }

    /** The token's HOTP code for {@code counter}, from oathtool. */
    static String code(long counter) throws Exception {
        return Radclient.oathtool(SEED_HEX, counter);
    }

    /** The detail column of every audit row of {@code type} in {@code store}, oldest first. */
    static List<String> auditDetails(Store store, AuditEventType type) {
        return store.audit().query(AuditQuery.ALL.ofType(type)).stream().map(e -> e.event().detail()).toList();
    }
}
