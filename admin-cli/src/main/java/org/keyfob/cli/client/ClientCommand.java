package org.keyfob.cli.client;

import picocli.CommandLine.Command;

/** {@code keyfob client}: the NAS clients kept in the store; keyfobd picks changes up within seconds. */
@Command(name = "client", description = "Add and list RADIUS clients (NAS).",
        subcommands = {ClientAddCommand.class, ClientListCommand.class})
public final class ClientCommand {
}
