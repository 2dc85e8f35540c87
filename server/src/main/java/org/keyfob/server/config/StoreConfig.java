package org.keyfob.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code store:} section. Nothing uses it yet beyond the start-up log line; the token store
 * arrives in a later step.
 *
 * @param dataDir absolute directory for Keyfob's files (the embedded database, later keys)
 * @param jdbcUrl an external database instead of the embedded one; may carry a password, so
 *     {@link #toString()} and {@link #redactedJdbcUrl()} hide it
 */
public record StoreConfig(Path dataDir, Optional<String> jdbcUrl) {

    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("//([^/@:]*):[^/@]*@");

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!dataDir.isAbsolute()) {
            throw new IllegalArgumentException("dataDir must be absolute, was " + dataDir);
        }
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
        return "StoreConfig[dataDir=" + dataDir + ", jdbcUrl=" + redactedJdbcUrl() + "]";
    }
}
