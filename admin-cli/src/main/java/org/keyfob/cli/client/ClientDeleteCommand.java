package org.keyfob.cli.client;

import java.io.PrintWriter;
import org.keyfob.cli.support.Confirmation;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a RADIUS client by name or address; asks to type the name unless --yes."
        + " keyfobd stops answering it within 5 seconds.")
final class ClientDeleteCommand extends StoreCommand {
    @Parameters(paramLabel = "NAME|ADDRESS", description = "The client's name, or the address or block it was added with.")
    String nameOrAddress;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        RadiusClient client = store.clients().list().stream()
                .filter(c -> c.name().equals(nameOrAddress)).findFirst()
                .or(() -> store.clients().list().stream().filter(c -> c.address().equals(nameOrAddress)).findFirst())
                .orElseThrow(() -> new RefusedException("no client named or at " + nameOrAddress
                        + "; 'keyfob client list' shows them"));
        Confirmation.require(yes, out, "client " + client.name(), " (" + client.address() + ")", client.name());
        if (!store.clients().delete(client.name(), session.actor())) {
            throw new RefusedException("client " + client.name() + " was deleted by someone else meanwhile");
        }
        out.println("deleted client " + client.name() + " (" + client.address() + "); keyfobd stops answering it within 5 seconds");
        return 0;
    }
}
