package org.keyfob.cli.token;

import picocli.CommandLine.Command;

/** {@code keyfob token}: hardware and software tokens through their life. */
@Command(name = "token", description = "Import, enroll, list, show, assign, verify, resync, revoke, export and delete tokens.",
        subcommands = {TokenImportCommand.class, TokenExportCommand.class, TokenListCommand.class, TokenShowCommand.class,
            TokenAssignCommand.class, TokenUnassignCommand.class, TokenStateCommand.class, TokenDeleteCommand.class,
            TokenVerifyCommand.class, TokenResyncCommand.class, TokenSetCounterCommand.class, TokenEnrollCommand.class})
public final class TokenCommand {
}
