package org.keyfob.cli.support;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the store: opens it from {@code --config}, runs, closes it. Subclasses
 * implement {@link #run} and write only to {@code out} (and {@code err}).
 */
public abstract class StoreCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** Implemented by {@code KeyfobCommand}, the root: the session and the --config value. */
    public interface Root {
        Session session();

        java.util.Optional<Path> configFile();
    }

    @Override
    public final Integer call() throws Exception {
        Root root = (Root) spec.root().userObject();
        Path config = root.configFile().orElseThrow(() -> new RefusedException(
                "no configuration file; pass --config /etc/keyfob/keyfob.yaml (bin/keyfob passes etc/keyfob.yaml)"));
        try (Store store = readsOnly() ? root.session().openStoreToRead(config) : root.session().openStore(config)) {
            return run(store, root.session(), spec.commandLine().getOut());
        } finally {
            spec.commandLine().getOut().flush();
        }
    }

    protected abstract int run(Store store, Session session, PrintWriter out) throws Exception;

    /**
     * True for a command that writes nothing but audit rows (a report): a running keyfobd then
     * keeps deciding logins in memory while it runs. A command that changes tokens, users or
     * clients, or checks a code, must answer false (the default), so keyfobd hands it the store.
     */
    protected boolean readsOnly() {
        return false;
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
