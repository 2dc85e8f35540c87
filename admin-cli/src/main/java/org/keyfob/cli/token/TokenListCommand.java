package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List tokens with their kind, status, users and last use.")
final class TokenListCommand extends StoreCommand {
    @Mixin
    OutputOption output;

    @Override
    protected int run(Store store, Session session, PrintWriter out) {
        List<List<String>> rows = store.tokens().serials().stream()
                .map(s -> store.tokens().find(s).orElseThrow())
                .map(t -> row(t, String.join(" ", store.tokens().usersOf(t.token().serial())))).toList();
        output.write(out, List.of("serial", "kind", "status", "users", "last_used"), rows);
        return 0;
    }

    private static List<String> row(StoredToken t, String users) {
        return List.of(t.token().serial().value(),
                t.token().spec().kind() + "-" + t.token().spec().algorithm() + "-" + t.token().spec().digits(),
                t.token().status().name(), users, t.token().state().lastAccepted().map(Instant::toString).orElse(""));
    }
}
