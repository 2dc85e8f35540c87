package org.keyfob.cli.support;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --config FILE} option, as a mixin. Inherited by every subcommand, so both
 * {@code keyfob --config f token list} and {@code keyfob token list --config f} work.
 */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file, keyfob.yaml (bin/keyfob passes etc/keyfob.yaml when this is left out).")
    private Path file;

    /** The file given on the command line, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
