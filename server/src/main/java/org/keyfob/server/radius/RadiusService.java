package org.keyfob.server.radius;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.keyfob.oath.auth.AuthPolicy;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.FirstFactor;
import org.keyfob.oath.auth.LocalPin;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;
import org.keyfob.config.CidrBlock;
import org.keyfob.config.ClientConfig;
import org.keyfob.config.RadiusConfig;
import org.keyfob.config.ReplyDictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RADIUS authentication, assembled: the NAS registry (reloaded from the store every few seconds),
 * the bounded worker pool, the handler and the listener. {@link #close()} stops taking requests,
 * lets the ones in flight finish, then returns; the caller closes the store afterwards.
 */
public final class RadiusService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RadiusService.class);
    /**
     * Workers per core. A worker waits only for store reads (a user not in memory yet,
     * PostgreSQL's commits) and for LDAP; on the embedded store it does not wait for the journal
     * that makes a login durable (the answer goes out from the journal's writer). More workers
     * than that only take turns waking each other: 64 on 2 cores cost a fifth more CPU per login
     * on H2, and nearly twice as much on PostgreSQL.
     */
    private static final int WORKERS_PER_CORE = 4;
    private static final int QUEUE = 2_048;
    /** Requests between intake and answer (queued, worked on, or waiting for the disk). */
    private static final int IN_FLIGHT = 4_096;
    private static final long CLIENT_RELOAD_SECONDS = 5;

    private final RadiusListener listener;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService reloader;
    private final RadiusCounters counters;
    private final NasRegistry registry;
    private final RequestIntake intake;

    private RadiusService(RadiusListener listener, ThreadPoolExecutor workers, ScheduledExecutorService reloader,
            RadiusCounters counters, NasRegistry registry, RequestIntake intake) {
        this.intake = intake;
        this.listener = listener;
        this.workers = workers;
        this.reloader = reloader;
        this.counters = counters;
        this.registry = registry;
    }

    /**
     * @param dictionary encodes users' reply attributes; load it from {@code config.dictionary()}
     *     with {@link ReplyDictionary#load}
     */
    public static RadiusService start(RadiusConfig config, ReplyDictionary dictionary, Store store, Clock clock)
            throws IOException {
        return start(config, dictionary, store, clock, new LocalPin(), workers(0));
    }

    /**
     * With {@code firstFactor} checking the PIN part of each login (see {@code org.keyfob.server.ldap})
     * and {@code workers} threads answering ({@link #workers}).
     */
    public static RadiusService start(RadiusConfig config, ReplyDictionary dictionary, Store store, Clock clock,
            FirstFactor firstFactor, int workers) throws IOException {
        NasRegistry registry = new NasRegistry(config.clients().stream()
                .map(c -> fromConfig(c, config.passwordMode())).toList());
        RadiusCounters counters = new RadiusCounters();
        Runnable reload = () -> reloadClients(store, registry, config.passwordMode(), counters);
        reload.run();
        Authenticator authenticator = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT,
                firstFactor);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("keyfob-worker", true));
        ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("keyfob-clients", true));
        reloader.scheduleWithFixedDelay(reload, CLIENT_RELOAD_SECONDS, CLIENT_RELOAD_SECONDS, TimeUnit.SECONDS);
        RequestIntake intake = new RequestIntake(
                new RequestProcessor(authenticator, store.users(), dictionary, clock, counters), pool, IN_FLIGHT,
                counters);
        AccessHandler handler = new AccessHandler(registry, intake, counters);
        try {
            return new RadiusService(RadiusListener.bind(config, handler), pool, reloader, counters, registry,
                    intake);
        } catch (IOException e) {
            pool.shutdownNow();
            reloader.shutdownNow();
            throw e;
        }
    }

    /**
     * How many workers to start: {@link #WORKERS_PER_CORE} per core, and at least one per LDAP
     * connection ({@code ldapPoolSize}, 0 without LDAP), as each bind holds its worker.
     */
    public static int workers(int ldapPoolSize) {
        return Math.max(WORKERS_PER_CORE * Runtime.getRuntime().availableProcessors(), ldapPoolSize);
    }

    public List<InetSocketAddress> boundAddresses() {
        return listener.boundAddresses();
    }

    public RadiusCounters counters() {
        return counters;
    }

    /**
     * Where other transports (RadSec) hand their requests, to be answered by the same workers,
     * processor and counters as UDP. Close those transports before this service.
     */
    public RequestIntake intake() {
        return intake;
    }

    /** How many RADIUS clients are known now (configured and from the store). */
    public int clientCount() {
        return registry.size();
    }

    @Override
    public void close() {
        listener.close();
        reloader.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} requests were still being answered after 10 s; stopping without them",
                        workers.shutdownNow().size() + workers.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Nas fromConfig(ClientConfig c, PasswordMode defaultMode) {
        return new Nas(c.name(), CidrBlock.parse(c.address()), SharedSecret.of(c.secret()),
                c.passwordMode().orElse(defaultMode), c.legacy());
    }

    private static void reloadClients(Store store, NasRegistry registry, PasswordMode defaultMode,
            RadiusCounters counters) {
        try {
            List<Nas> fromStore = store.clients().list().stream()
                    .map(c -> fromStore(c, defaultMode)).toList();
            registry.replaceStoreClients(fromStore);
        } catch (RuntimeException e) {
            if (e instanceof StoreException) {
                counters.storeErrors.increment();
            }
            log.warn("cannot reload RADIUS clients from the store (keeping the previous set): {}", e.getMessage());
        }
    }

    private static Nas fromStore(RadiusClient c, PasswordMode defaultMode) {
        PasswordMode mode = c.options().containsKey("password-mode")
                ? PasswordMode.parse(c.options().get("password-mode")) : defaultMode;
        return new Nas(c.name(), CidrBlock.parse(c.address()), c.secret(), mode,
                Boolean.parseBoolean(c.options().getOrDefault("legacy", "false")));
    }
}
