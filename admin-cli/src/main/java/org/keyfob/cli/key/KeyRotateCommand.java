package org.keyfob.cli.key;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.config.ServerConfig;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code keyfob key rotate}: appends a fresh key to the master key file (it becomes the active
 * one), then re-encrypts every seed and client secret under it in one transaction. The old keys
 * stay in the file, so a failure half-way leaves every row readable; once this reports success they
 * decrypt nothing and may be removed (after a new backup of the key file).
 */
@Command(name = "rotate", description = {
    "Add a new master key to the key file and re-encrypt every token seed and client secret under it, in one"
        + " transaction. The old keys stay in the file; remove them only after backing up the new file.",
    "A running keyfobd reads the key file again when it meets the new key; no restart is needed."})
public final class KeyRotateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StoreCommand.Root root = (StoreCommand.Root) spec.root().userObject();
        Path configFile = root.configFile().orElseThrow(() -> new RefusedException(
                "no configuration file; pass --config /etc/keyfob/keyfob.yaml (bin/keyfob passes etc/keyfob.yaml)"));
        Session session = root.session();
        ServerConfig config = session.config(configFile);
        Path keyFile = config.store().keyFile();
        // Opening first proves the current file decrypts the store before anything is appended to it.
        session.openStore(configFile).close();
        String id;
        try {
            id = MasterKeyFile.appendNewKey(keyFile);
        } catch (StoreException e) {
            throw new RefusedException(e.getMessage());
        }
        int moved;
        try (Store store = session.openStore(configFile)) {
            moved = store.reencryptSecrets(session.actor());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("new master key " + id + " is active in " + keyFile + "; re-encrypted " + moved + " secrets");
        out.println("keyfobd reads the new key on its next login; back up " + keyFile
                + ", then the older keys in it may be removed");
        out.flush();
        return 0;
    }
}
