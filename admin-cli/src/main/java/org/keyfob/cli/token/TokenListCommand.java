package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyfob token list}: the inventory, sorted by assigned user (unassigned last), then serial. */
@Command(name = "list", description = "List tokens with their kind, status, users and last use, sorted by assigned user"
        + " (unassigned tokens last). Filters combine: a token is listed if it passes all of them.")
final class TokenListCommand extends StoreCommand {
    @Option(names = "--user", paramLabel = "USER", description = "Only the tokens assigned to USER.")
    String user;

    @Option(names = "--state", paramLabel = "STATUS",
            description = "Only tokens in this status: VALID, DISABLED, REVOKED_LOST, REVOKED_BROKEN or REVOKED_OTHER.")
    TokenStatus status;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only tokens of this kind: HOTP, TOTP, OCRA or YUBICO.")
    TokenKind kind;

    @Option(names = "--unassigned", description = "Only tokens assigned to nobody (the stock).")
    boolean unassigned;

    @Option(names = "--not-used-since", paramLabel = "DATE",
            description = "Only tokens with no accepted code since DATE (2026-01-31 or an ISO 8601 instant), never-used included.")
    String notUsedSince;

    @Mixin
    OutputOption output;

    private record Row(StoredToken token, List<String> users) {
    }

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Optional<Instant> cutoff = cutoff();
        List<List<String>> rows = store.tokens().serials().stream()
                .map(s -> store.tokens().find(s)).flatMap(Optional::stream)
                .map(t -> new Row(t, store.tokens().usersOf(t.token().serial())))
                .filter(r -> user == null || r.users().contains(user))
                .filter(r -> status == null || r.token().token().status() == status)
                .filter(r -> kind == null || r.token().token().spec().kind() == kind)
                .filter(r -> !unassigned || r.users().isEmpty())
                .filter(r -> cutoff.isEmpty() || r.token().token().state().lastAccepted()
                        .map(used -> used.isBefore(cutoff.get())).orElse(true))
                .sorted(Comparator.comparing((Row r) -> r.users().isEmpty())
                        .thenComparing(r -> String.join(" ", r.users()))
                        .thenComparing(r -> r.token().token().serial().value()))
                .map(TokenListCommand::row).toList();
        output.write(out, List.of("serial", "kind", "status", "users", "last_used"), rows);
        return 0;
    }

    private Optional<Instant> cutoff() throws RefusedException {
        if (notUsedSince == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(notUsedSince.contains("T") ? Instant.parse(notUsedSince)
                    : LocalDate.parse(notUsedSince).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new RefusedException("--not-used-since \"" + notUsedSince
                    + "\" is not a date such as 2026-01-31 or an instant such as 2026-01-31T08:00:00Z");
        }
    }

    private static List<String> row(Row r) {
        StoredToken t = r.token();
        return List.of(t.token().serial().value(),
                t.token().spec().kind() + "-" + t.token().spec().algorithm() + "-" + t.token().spec().digits(),
                t.token().status().name(), String.join(" ", r.users()),
                t.token().state().lastAccepted().map(Instant::toString).orElse(""));
    }
}
