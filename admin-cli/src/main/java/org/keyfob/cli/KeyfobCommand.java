package org.keyfob.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keyfob.cli.client.ClientCommand;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.token.TokenCommand;
import org.keyfob.cli.user.UserCommand;
import org.keyfob.cli.support.ConfigOption;
import org.keyfob.cli.support.ExitCodes;
import org.keyfob.cli.support.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code keyfob} top command. It only dispatches: each job is a subcommand. For now the only
 * subcommand is {@code help}; token, user, client and audit commands come in later steps.
 *
 * <p>Exit codes are those of {@link ExitCodes}. All output goes through the command line's
 * writers, so tests capture it with {@code setOut}/{@code setErr}.
 */
@Command(name = "keyfob", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keyfob admin tool: tokens, users and RADIUS clients, on the store keyfob.yaml names.",
        subcommands = {HelpCommand.class, TokenCommand.class, UserCommand.class, ClientCommand.class, CheckCommand.class,
            AuditCommand.class, BackupCommand.class, RestoreCommand.class})
public final class KeyfobCommand implements Callable<Integer>, StoreCommand.Root {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    private final Session session;

    private KeyfobCommand(Session session) {
        this.session = session;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(new Session(System.getProperty("user.name"), Clock.systemUTC())).execute(args));
    }

    /** The command line with keyfob's exit codes and error printing; what main and tests run. */
    public static CommandLine newCommandLine(Session session) {
        return ExitCodes.install(new CommandLine(new KeyfobCommand(session)));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Optional<Path> configFile() {
        return config.file();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command; 'keyfob help' lists them.");
    }
}
