package org.keyfob.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code store:} section: where the token store lives and which master key file encrypts its
 * secrets.
 *
 * @param dataDir absolute directory for Keyfob's files (the embedded database, by default the key)
 * @param jdbcUrl an external database instead of the embedded one; may carry a password, so
 *     {@link #toString()} and {@link #redactedJdbcUrl()} hide it
 * @param keyFile absolute path of the master key file
 */
public record StoreConfig(Path dataDir, Optional<String> jdbcUrl, Path keyFile) {
    public static final String DEFAULT_KEY_FILE = "keyfob.key";

    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("//([^/@:]*):[^/@]*@");

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!dataDir.isAbsolute()) {
            throw new IllegalArgumentException("dataDir must be absolute, was " + dataDir);
        }
        if (!keyFile.isAbsolute()) {
            throw new IllegalArgumentException("keyFile must be absolute, was " + keyFile);
        }
    }

    /** The key file at its default place, {@code keyfob.key} in the data directory. */
    public StoreConfig(Path dataDir, Optional<String> jdbcUrl) {
        this(dataDir, jdbcUrl, dataDir.resolve(DEFAULT_KEY_FILE));
    }

    /** The JDBC URL with any password replaced by {@code ***}, fit for a log line. */
    public Optional<String> redactedJdbcUrl() {
        return jdbcUrl.map(url -> {
            String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
            return PASSWORD_IN_AUTHORITY.matcher(withoutParameter).replaceAll("//$1:***@");
        });
    }

    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir + ", jdbcUrl=" + redactedJdbcUrl() + ", keyFile=" + keyFile + "]";
    }
}
