package org.keyfob.cli.support;

import java.nio.file.Path;
import java.time.Clock;
import org.keyfob.config.ConfigException;
import org.keyfob.config.ConfigLoader;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.config.ServerConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;

/**
 * What every command needs from outside: who runs it (the OS user, named in every audit event),
 * the clock, and the store that {@code keyfob.yaml} names, opened the way keyfobd opens it (so the
 * tool works on the server's H2 file while the server runs). Built once in {@code KeyfobCommand}.
 */
public final class Session {
    private final Actor actor;
    private final Clock clock;

    public Session(String osUser, Clock clock) {
        this.actor = Actor.admin(osUser);
        this.clock = clock;
    }

    public Actor actor() {
        return actor;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The reply attribute dictionary keyfobd uses with {@code configFile}: the standard attributes
     * and those of its {@code radius.dictionary}, if set.
     */
    public ReplyDictionary replyDictionary(Path configFile) throws RefusedException {
        try {
            return ReplyDictionary.load(new ConfigLoader().load(configFile).radius().dictionary());
        } catch (ConfigException e) {
            throw new RefusedException(configFile + " has problems: " + String.join("; ", e.problems()));
        }
    }

    /** Reads {@code configFile}; a problem becomes a one-line refusal. */
    public ServerConfig config(Path configFile) throws RefusedException {
        try {
            return new ConfigLoader().load(configFile);
        } catch (ConfigException e) {
            throw new RefusedException(configFile + " has problems: " + String.join("; ", e.problems()));
        }
    }

    /** Reads {@code configFile} and opens its store; a problem becomes a one-line refusal. */
    public Store openStore(Path configFile) throws RefusedException {
        ServerConfig config = config(configFile);
        try {
            return StoreOpener.open(config.store());
        } catch (StoreException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    /**
     * Like {@link #openStore}, for a command that changes nothing: a running keyfobd goes on
     * deciding logins in memory meanwhile (see {@code StoreOpener.openToRead}).
     */
    public Store openStoreToRead(Path configFile) throws RefusedException {
        ServerConfig config = config(configFile);
        try {
            return StoreOpener.openToRead(config.store());
        } catch (StoreException e) {
            throw new RefusedException(e.getMessage());
        }
    }
}
