package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.Serial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token import FILE}: every token in a vendor file lands in one transaction, or
 * none does. A file with any problem, or a serial already in the store, imports nothing.
 */
@Command(name = "import", description = "Import tokens from a PSKC (RFC 6030) or CSV file, all or nothing.")
final class TokenImportCommand extends StoreCommand {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin
    ImportSource source;

    @Option(names = "--create-users", description = "Create the users a file names (Azure MFA / Token2 CSV) if missing.")
    boolean createUsers;

    @Option(names = "--dry-run", description = "Check the file and report what would be imported; change nothing.")
    boolean dryRun;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        List<ImportedToken> tokens = source.read(file);
        Set<Serial> existing = new HashSet<>(store.tokens().serials());
        List<String> clashes = tokens.stream().filter(t -> existing.contains(t.token().serial()))
                .map(t -> t.origin() + ": serial " + t.token().serial() + " is in the store already").toList();
        if (!clashes.isEmpty()) {
            throw new RefusedException(String.join("\n", clashes.subList(0, Math.min(clashes.size(), 20)))
                    + "\nnothing was imported; delete those tokens first or remove them from the file");
        }
        List<String> missingUsers = tokens.stream().map(ImportedToken::user).flatMap(Optional::stream).distinct()
                .filter(u -> store.users().find(u).isEmpty()).toList();
        if (!missingUsers.isEmpty() && !createUsers) {
            throw new RefusedException("the file names users that do not exist: " + String.join(", ",
                    missingUsers.subList(0, Math.min(missingUsers.size(), 10)))
                    + "\nnothing was imported; add them, or pass --create-users");
        }
        String summary = summary(tokens);
        if (dryRun) {
            out.println("would import " + summary + " from " + file.getFileName() + " (dry run: nothing changed)");
            return 0;
        }
        try {
            store.tokens().addAll(tokens.stream().map(t -> new NewToken(t.token(), t.details())).toList(),
                    session.actor());
        } catch (StoreException e) {
            throw new RefusedException(e.getMessage());
        }
        missingUsers.forEach(u -> store.users().add(u, Optional.empty(), session.actor()));
        long assigned = tokens.stream().filter(t -> t.user().isPresent()).filter(t -> store.tokens()
                .assign(t.token().serial(), t.user().get(), AssignmentLimits.ONE_TO_ONE, session.actor())
                == Assignment.ASSIGNED).count();
        out.println("imported " + summary + " from " + file.getFileName()
                + (assigned > 0 ? "; assigned " + assigned : "")
                + (missingUsers.isEmpty() ? "" : "; created " + missingUsers.size() + " users"));
        return 0;
    }

    private static String summary(List<ImportedToken> tokens) {
        Map<String, Long> byKind = tokens.stream().collect(Collectors.groupingBy(
                t -> t.token().spec().kind().name(), TreeMap::new, Collectors.counting()));
        return tokens.size() + " tokens (" + byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}
