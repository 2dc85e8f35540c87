package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyfob.cli.support.Session;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli model that man pages and bash completion are generated from: every command, option
 * and parameter says what it is for, and every command answers --help.
 */
class CommandModelTest {
    private final CommandLine keyfob = KeyfobCommand.newCommandLine(new Session("tester", Clock.systemUTC()));

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        List<String> undescribed = new ArrayList<>();
        walk(keyfob.getCommandSpec(), undescribed);
        // token import's FILE is being reworked on the import/export branch; drop this exception when it lands.
        undescribed.remove("keyfob token import FILE (parameter)");
        assertThat(undescribed).isEmpty();
    }

    @Test
    void theLifecycleCommandsOfIssueSixAreThere() {
        List<String> all = new ArrayList<>();
        names(keyfob.getCommandSpec(), all);
        assertThat(all).contains("keyfob token verify", "keyfob token resync", "keyfob token set-counter",
                "keyfob token enroll", "keyfob token delete", "keyfob user delete", "keyfob client delete",
                "keyfob key rotate");
    }

    @Test
    void everyCommandAnswersHelp() {
        List<String> all = new ArrayList<>();
        names(keyfob.getCommandSpec(), all);
        for (String name : all) {
            List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("--help");
            java.io.StringWriter out = new java.io.StringWriter();
            int code = KeyfobCommand.newCommandLine(new Session("tester", Clock.systemUTC()))
                    .setOut(new java.io.PrintWriter(out, true)).execute(args.toArray(String[]::new));
            assertThat(code).describedAs(name + " --help").isZero();
            assertThat(out.toString()).describedAs(name + " --help").startsWith("Usage: " + name);
        }
    }

    private static void names(CommandSpec spec, List<String> into) {
        if (!spec.name().equals("help")) {
            into.add(spec.qualifiedName());
        }
        spec.subcommands().values().forEach(sub -> names(sub.getCommandSpec(), into));
    }

    private static void walk(CommandSpec spec, List<String> undescribed) {
        if (String.join("", spec.usageMessage().description()).isBlank()) {
            undescribed.add(spec.qualifiedName());
        }
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (String.join("", arg.description()).isBlank()) {
                undescribed.add(spec.qualifiedName() + " " + arg.paramLabel() + " " + (arg.isOption()
                        ? String.join("|", ((CommandLine.Model.OptionSpec) arg).names()) : "(parameter)"));
            }
        }
        spec.subcommands().values().forEach(sub -> walk(sub.getCommandSpec(), undescribed));
    }
}
