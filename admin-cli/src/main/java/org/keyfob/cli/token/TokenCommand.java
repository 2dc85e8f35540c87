package org.keyfob.cli.token;

import picocli.CommandLine.Command;

/** {@code keyfob token}: hardware and software tokens through their life. */
@Command(name = "token", description = "Import, list and assign tokens.",
        subcommands = {TokenImportCommand.class, TokenListCommand.class, TokenAssignCommand.class})
public final class TokenCommand {
}
