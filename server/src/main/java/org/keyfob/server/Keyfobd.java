package org.keyfob.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.keyfob.oath.auth.FirstFactor;
import org.keyfob.oath.store.Store;
import org.keyfob.server.ldap.FirstFactors;
import org.keyfob.server.ldap.LdapSetupException;
import org.keyfob.oath.store.StoreException;
import org.keyfob.config.ConfigException;
import org.keyfob.config.ConfigLoader;
import org.keyfob.config.LdapConfig;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.config.BuildInfo;
import org.keyfob.config.ServerConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.server.metrics.MetricsEndpoint;
import org.keyfob.server.metrics.RadiusMetrics;
import org.keyfob.server.metrics.RadsecMetrics;
import org.keyfob.server.radius.RadiusListener;
import org.keyfob.server.radius.RadiusService;
import org.keyfob.server.radsec.RadsecListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The keyfobd entry point: reads the configuration, builds the objects with their constructors,
 * starts them and installs a shutdown hook. Nothing more; each job lives in its own package.
 *
 * <p>Exit codes: 0 when stopped by a signal or when {@code --check-config} finds no problem, 1
 * when the configuration cannot be used or a port cannot be bound, 2 for a usage error.
 */
@Command(name = "keyfobd", mixinStandardHelpOptions = true, versionProvider = Keyfobd.Version.class,
        description = "Keyfob RADIUS server for OATH one-time-password tokens.")
public final class Keyfobd implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Keyfobd.class);

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "Configuration file (bin/keyfobd passes etc/keyfob.yaml when this is left out).")
    private Path configFile;

    @Option(names = "--check-config",
            description = "Check the configuration file, print every problem, and exit: 0 if usable, 1 if not.")
    private boolean checkConfig;

    @Spec
    private CommandSpec spec;

    private volatile boolean serving;
    private volatile Stopper stopper;

    public static void main(String[] args) {
        Keyfobd keyfobd = new Keyfobd();
        int exitCode = new CommandLine(keyfobd).execute(args);
        if (keyfobd.serving) {
            // Keeps the JVM up while a signal stops the server: once the listeners' threads
            // have ended, nothing else would, and at exit H2 closes the store in a hook of its own.
            keyfobd.stopper.awaitStopped();
        }
        System.exit(exitCode);
    }

    @Override
    public Integer call() {
        ServerConfig config;
        ReplyDictionary dictionary;
        try {
            config = new ConfigLoader().load(configFile);
            dictionary = ReplyDictionary.load(config.radius().dictionary());
        } catch (ConfigException e) {
            reportProblems(e);
            return 1;
        }
        if (checkConfig) {
            spec.commandLine().getOut().println(configFile + ": OK");
            spec.commandLine().getOut().flush();
            return 0;
        }
        Store store;
        try {
            store = StoreOpener.openServing(config.store());
        } catch (StoreException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        FirstFactor firstFactor;
        try {
            firstFactor = FirstFactors.fromConfig(config);
        } catch (LdapSetupException e) {
            log.error("{}", e.getMessage());
            store.close();
            return 1;
        }
        RadiusService radius;
        try {
            radius = RadiusService.start(config.radius(), dictionary, store, Clock.systemUTC(), firstFactor,
                    RadiusService.workers(config.ldap().map(LdapConfig::poolSize).orElse(0)));
        } catch (IOException e) {
            log.error("{}", e.getMessage());
            store.close();
            return 1;
        }
        Optional<RadsecListener> radsec;
        try {
            radsec = startRadsec(config, radius);
        } catch (IOException e) {
            log.error("{}", e.getMessage());
            radius.close();
            store.close();
            return 1;
        }
        Optional<MetricsEndpoint> metrics;
        try {
            metrics = startMetrics(config, radius, radsec);
        } catch (IOException e) {
            log.error("{}", e.getMessage());
            radsec.ifPresent(RadsecListener::close);
            radius.close();
            store.close();
            return 1;
        }
        stopper = new Stopper(() -> stop(radsec, radius, metrics, store));
        Runtime.getRuntime().addShutdownHook(new Thread(stopper, "keyfob-shutdown"));
        // SIGTERM (systemctl stop) and SIGINT stop the server before the JVM starts exiting: at
        // exit, H2's own shutdown hook may close the store before ours has written the login
        // journal into it (it would be replayed at the next start, but a clean stop leaves none).
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> stopper.run());
        }
        serving = true;
        log.info("keyfobd {} listening on {} (UDP, RADIUS authentication); {} RADIUS clients; store {} ({} tokens);"
                        + " key file {}; metrics {}; config {}",
                BuildInfo.version(),
                radius.boundAddresses().stream().map(RadiusListener::format).collect(Collectors.joining(", ")),
                radius.clientCount(), StoreOpener.describe(config.store()), store.tokens().count(),
                config.store().keyFile(),
                metrics.map(MetricsEndpoint::url).orElse("off (no metrics section)"),
                configFile.toAbsolutePath().normalize());
        radsec.ifPresent(listener -> log.info("RadSec (RADIUS over TLS) listening on {} (TCP); {} RadSec clients",
                listener.boundAddresses().stream().map(RadiusListener::format).collect(Collectors.joining(", ")),
                config.radsec().get().clients().size()));
        return 0;
    }

    /**
     * With {@code --check-config}, the problems go to stderr for the person at the terminal;
     * when starting, each is logged at ERROR, so the journal and JSON log shippers see them.
     */
    private void reportProblems(ConfigException e) {
        String summary = configFile + " has " + e.problems().size() + " problem(s)";
        if (checkConfig) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("keyfobd: " + summary + ":");
            e.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
            return;
        }
        e.problems().forEach(problem -> log.error("configuration problem: {}", problem));
        log.error("keyfobd not started: {}; fix them (bin/keyfobd --check-config lists them again)", summary);
    }

    private static Optional<MetricsEndpoint> startMetrics(ServerConfig config, RadiusService radius,
            Optional<RadsecListener> radsec) throws IOException {
        if (config.metrics().isEmpty()) {
            return Optional.empty();
        }
        RadiusMetrics collector = new RadiusMetrics(radius.counters(), radius::clientCount, BuildInfo.version());
        if (radsec.isPresent()) {
            return Optional.of(MetricsEndpoint.start(config.metrics().get(), collector,
                    new RadsecMetrics(radsec.get().counters())));
        }
        return Optional.of(MetricsEndpoint.start(config.metrics().get(), collector));
    }

    /** The RadSec listener when keyfob.yaml has {@code radsec:}; it hands its requests to {@code radius}. */
    private static Optional<RadsecListener> startRadsec(ServerConfig config, RadiusService radius)
            throws IOException {
        if (config.radsec().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RadsecListener.start(config.radsec().get(), config.radius().passwordMode(),
                radius.intake()));
    }

    private static void stop(Optional<RadsecListener> radsec, RadiusService radius, Optional<MetricsEndpoint> metrics,
            Store store) {
        log.info("keyfobd stopping");
        // RadSec hands its requests to the RADIUS service's workers: close it first.
        radsec.ifPresent(RadsecListener::close);
        radius.close();
        metrics.ifPresent(MetricsEndpoint::close);
        store.close();
        log.info("keyfobd stopped; {}{}", radius.counters().snapshot(),
                radsec.map(listener -> " " + listener.counters().snapshot()).orElse(""));
    }

    /** Runs a stop once, whether a signal or the JVM's exit asks first, and says when it is done. */
    private static final class Stopper implements Runnable {
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Runnable stop;

        Stopper(Runnable stop) {
            this.stop = stop;
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                try {
                    stop.run();
                } finally {
                    stopped.countDown();
                }
            }
        }

        void awaitStopped() {
            boolean interrupted = false;
            while (stopped.getCount() > 0) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Prints {@code keyfobd <version>} for {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"keyfobd " + BuildInfo.version()};
        }
    }
}
