package org.keyfob.cli;

import org.keyfob.cli.support.StoreCommand;
import org.keyfob.config.ConfigException;
import org.keyfob.config.ConfigLoader;
import picocli.CommandLine.Model.CommandSpec;

/** The master key file the --config file names, for the backup and restore messages that must name it. */
final class KeyFileName {
    private KeyFileName() {
    }

    static String of(CommandSpec spec) {
        StoreCommand.Root root = (StoreCommand.Root) spec.root().userObject();
        return root.configFile().map(config -> {
            try {
                return new ConfigLoader().load(config).store().keyFile().toString();
            } catch (ConfigException e) {
                return "store.key-file in " + config;
            }
        }).orElse("store.key-file");
    }
}
