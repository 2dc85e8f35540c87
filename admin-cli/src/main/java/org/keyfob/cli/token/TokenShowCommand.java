package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.keyfob.cli.support.OutputOption;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one token: what it computes, its state, users and vendor data (never its seed).")
final class TokenShowCommand extends StoreCommand {
    @Parameters(paramLabel = "SERIAL", description = "The token's serial.")
    String serial;

    @Mixin
    OutputOption output;

    @Override
    protected boolean readsOnly() {
        return true;
    }

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Serial s = new Serial(serial);
        StoredToken t = store.tokens().find(s).orElseThrow(() -> new RefusedException("no token " + serial));
        TokenState st = t.token().state();
        Instant now = session.clock().instant();
        output.write(out, List.of("field", "value"), List.of(
                List.of("serial", serial),
                List.of("kind", t.token().spec().kind().name()),
                List.of("algorithm", t.token().spec().algorithm().name()),
                List.of("digits", Integer.toString(t.token().spec().digits())),
                List.of("step_seconds", Long.toString(t.token().spec().step().getSeconds())),
                List.of("status", t.token().status().name()),
                List.of("users", String.join(" ", store.tokens().usersOf(s))),
                List.of("counter", Long.toString(st.counter())),
                List.of("drift_steps", Integer.toString(st.drift())),
                List.of("failures", Integer.toString(st.lock().failures())),
                List.of("locked", Boolean.toString(st.lock().isLocked(now))),
                List.of("last_used", st.lastAccepted().map(Instant::toString).orElse("")),
                List.of("manufacturer", t.details().manufacturer().orElse("")),
                List.of("model", t.details().model().orElse("")),
                List.of("created", t.created().toString()),
                List.of("modified", t.modified().toString())));
        return 0;
    }
}
