package org.keyfob.cli;

import java.util.concurrent.Callable;
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
        description = "Keyfob admin tool. Token, user and client commands are not there yet.",
        subcommands = HelpCommand.class)
public final class KeyfobCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with keyfob's exit codes and error printing; what main and tests run. */
    public static CommandLine newCommandLine() {
        return ExitCodes.install(new CommandLine(new KeyfobCommand()));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a command; 'keyfob help' lists them.");
    }
}
