package org.keyfob.cli.client;

import picocli.CommandLine.Command;

/** {@code keyfob client}: the NAS clients kept in the store; keyfobd picks changes up within seconds. */
@Command(name = "client", description = "Add, list and delete RADIUS clients (NAS).",
        subcommands = {ClientAddCommand.class, ClientListCommand.class, ClientDeleteCommand.class})
public final class ClientCommand {
}
