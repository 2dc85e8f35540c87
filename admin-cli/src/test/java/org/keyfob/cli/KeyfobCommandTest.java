package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.keyfob.cli.support.ExitCodes;
import org.keyfob.cli.support.RefusedException;
import java.time.Clock;
import org.keyfob.cli.support.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class KeyfobCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine commandLine, String... args) {
        return commandLine
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private int run(String... args) {
        return run(KeyfobCommand.newCommandLine(new Session("tester", Clock.systemUTC())), args);
    }

    @Test
    void versionNamesTheBuild() {
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("keyfob ").doesNotContain("unknown").doesNotContain("${");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpSubcommandPrintsUsageToStandardOutput() {
        assertThat(run("help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("Usage: keyfob").contains("--config=FILE").contains("help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void configOptionIsAcceptedBeforeTheCommand() {
        assertThat(run("--config", "/etc/keyfob/keyfob.yaml", "help")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--frobnicate'").contains("Usage: keyfob");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void noCommandIsAUsageErrorThatPointsToHelp() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("Missing a command; 'keyfob help' lists them.");
    }

    @Test
    void refusalPrintsOneLineWithoutStackTraceAndExitsOne() {
        CommandLine commandLine = KeyfobCommand.newCommandLine(new Session("tester", Clock.systemUTC())).addSubcommand("refuse", new Refusing());

        assertThat(run(commandLine, "refuse")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).isEqualTo("keyfob: token 42 not found; list tokens with keyfob token list"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** Stands in for a later subcommand that refuses. */
    @Command(name = "refuse")
    static final class Refusing implements Callable<Integer> {
        @Override
        public Integer call() throws RefusedException {
            throw new RefusedException("token 42 not found; list tokens with keyfob token list");
        }
    }
}
