package org.keyfob.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.StoreSettings;

/**
 * Opens the store the configuration names: the embedded H2 file in the data directory (created,
 * mode 0700, on first start), or the external database at {@code store.url}.
 */
public final class StoreOpener {
    private static final int POOL_SIZE = 8;

    private StoreOpener() {
    }

    public static Store open(StoreConfig config) {
        StoreSettings settings = settings(config);
        if (config.jdbcUrl().isEmpty()) {
            createPrivateDirectory(config.dataDir());
        }
        return JdbiStore.open(settings, config.keyFile(), Clock.systemUTC());
    }

    /**
     * The store for a command that only reads: a running keyfobd writes what it holds in memory to
     * the store first, and goes on deciding logins in memory while it is read.
     */
    public static Store openToRead(StoreConfig config) {
        StoreSettings settings = settings(config);
        if (config.jdbcUrl().isEmpty()) {
            createPrivateDirectory(config.dataDir());
        }
        return JdbiStore.openToRead(settings, config.keyFile(), Clock.systemUTC());
    }

    /**
     * The store as keyfobd uses it: on the embedded file, logins are decided in memory with a
     * login journal while no other process uses the store (see {@code JournaledStore}).
     */
    public static Store openServing(StoreConfig config) {
        StoreSettings settings = settings(config);
        if (config.jdbcUrl().isEmpty()) {
            createPrivateDirectory(config.dataDir());
        }
        return JdbiStore.openServing(settings, config.keyFile(), Clock.systemUTC());
    }

    /** The store for a log line: the URL without its password. */
    public static String describe(StoreConfig config) {
        return config.redactedJdbcUrl().orElse(settings(config).url());
    }

    private static StoreSettings settings(StoreConfig config) {
        return config.jdbcUrl()
                .map(url -> new StoreSettings(url, Optional.empty(), Optional.empty(), POOL_SIZE))
                .orElseGet(() -> StoreSettings.h2File(config.dataDir()));
    }

    private static void createPrivateDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (Files.getFileAttributeView(dir.getParent(), PosixFileAttributeView.class) != null) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + " (" + e.getMessage()
                    + "); create it, writable by the user keyfobd runs as, or set store.data-dir");
        }
    }
}
