package org.keyfob.cli.client;

import java.io.PrintWriter;
import java.util.List;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the RADIUS clients in the store (secrets are never shown).")
final class ClientListCommand extends StoreCommand {
    @Mixin
    OutputOption output;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) {
        output.write(out, List.of("name", "address", "password_mode", "legacy"), store.clients().list().stream()
                .map(c -> List.of(c.name(), c.address(), c.options().getOrDefault("password-mode", ""),
                        c.options().getOrDefault("legacy", "false"))).toList());
        return 0;
    }
}
