package org.keyfob.oath.store.jdbi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the store lives: a JDBC URL (H2 file by default, PostgreSQL for several servers), an
 * optional user and password, and the connection pool size. {@code toString} hides the password.
 */
public record StoreSettings(String url, Optional<String> user, Optional<String> password, int poolSize) {

    public StoreSettings {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store URL must start with jdbc:h2: or jdbc:postgresql:, was "
                    + url.replaceAll("password=[^&;]*", "password=***"));
        }
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("pool size must be 1..100, was " + poolSize);
        }
    }

    /**
     * The embedded default: an H2 file {@code keyfob.mv.db} in {@code dataDir}. AUTO_SERVER lets
     * the admin tool open it while the server has it open (the second process connects to the
     * first over loopback TCP); WRITE_DELAY=0 writes every commit to the file before it returns,
     * so an accepted code survives the process being killed. Eight connections: one for the
     * group commit writer, the rest for the workers' reads, which are short.
     */
    public static StoreSettings h2File(Path dataDir) {
        String file = dataDir.toAbsolutePath().normalize().resolve("keyfob").toString();
        return new StoreSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                Optional.empty(), Optional.empty(), 8);
    }

    /**
     * Where the server keeps its login journal for an H2 file store: beside the file, named after
     * it ({@code keyfob.journal} for {@code keyfob.mv.db}); empty for PostgreSQL and in-memory H2.
     */
    public Optional<Path> journalDir() {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return Optional.empty();
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        if (file.startsWith("~")) { // as H2 reads it: the user's home directory
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.of(Path.of(file + ".journal").toAbsolutePath().normalize());
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "StoreSettings[" + url.replaceAll("password=[^&;]*", "password=***")
                + user.map(u -> ", user " + u).orElse("") + ", pool " + poolSize + "]";
    }
}
