package org.keyfob.cli.key;

import picocli.CommandLine.Command;

/** {@code keyfob key}: the master key file that encrypts seeds and client secrets in the store. */
@Command(name = "key", description = "Manage the master key that encrypts token seeds and client secrets.",
        subcommands = {KeyRotateCommand.class})
public final class KeyCommand {
}
