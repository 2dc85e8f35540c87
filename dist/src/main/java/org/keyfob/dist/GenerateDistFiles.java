package org.keyfob.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.keyfob.cli.KeyfobCommand;
import org.keyfob.cli.support.Session;
import org.keyfob.server.Keyfobd;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes, under the output directory: {@code adoc/} (one AsciiDoc man page per command and
 * subcommand, for asciidoctor's manpage backend), {@code completion/keyfob} and
 * {@code completion/keyfobd} (bash completion scripts) and {@code packaged/keyfob.yaml}.
 *
 * <p>Usage: {@code GenerateDistFiles REPOSITORY_DIR OUTPUT_DIR}. The commands come from the same
 * {@link CommandLine} objects the programs run, so every subcommand registered in
 * {@code KeyfobCommand} gets its page and its completion.
 */
public final class GenerateDistFiles {

    private GenerateDistFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDistFiles REPOSITORY_DIR OUTPUT_DIR");
        }
        Path repository = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]).toAbsolutePath().normalize();
        for (CommandLine program : programs()) {
            writeManPageSources(program, out.resolve("adoc"));
            writeCompletion(program, out.resolve("completion"));
        }
        Path packaged = out.resolve("packaged/keyfob.yaml");
        Files.createDirectories(packaged.getParent());
        Path source = repository.resolve("etc/keyfob.yaml");
        Files.writeString(packaged, PackagedConfig.from(source, Files.readString(source, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** keyfob and keyfobd, built the way their main methods build them. */
    static List<CommandLine> programs() {
        return List.of(
                KeyfobCommand.newCommandLine(new Session("build", Clock.systemUTC())),
                new CommandLine(new Keyfobd()));
    }

    static void writeManPageSources(CommandLine program, Path dir) throws IOException {
        Files.createDirectories(dir);
        // Pages for the command and, recursively, every subcommand: keyfob-token-import.adoc...
        int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true,
                program.getCommandSpec());
        if (status != 0) {
            throw new IOException("picocli ManPageGenerator failed (" + status + ") for " + program.getCommandName());
        }
    }

    static void writeCompletion(CommandLine program, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = program.getCommandName();
        String script = AutoComplete.bash(name, program);
        // bash-completion sources the file; a #! line would suggest running it.
        if (script.startsWith("#!")) {
            script = script.substring(script.indexOf('\n') + 1);
        }
        Files.writeString(dir.resolve(name), script, StandardCharsets.UTF_8);
    }
}
