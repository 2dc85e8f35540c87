package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Man page sources and bash completion come from the live command models: every keyfob
 * subcommand, whoever registered it, gets a page and is completed.
 */
class GeneratedDocsTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandGetsAManPageAndIsCompleted() throws Exception {
        for (CommandLine program : GenerateDistFiles.programs()) {
            GenerateDistFiles.writeManPageSources(program, dir.resolve("adoc"));
            GenerateDistFiles.writeCompletion(program, dir.resolve("completion"));
        }
        CommandLine keyfob = GenerateDistFiles.programs().get(0);
        List<String> pages = new ArrayList<>();
        pageNames(keyfob, "keyfob", pages);
        String completion = Files.readString(dir.resolve("completion/keyfob"));

        assertThat(pages).contains("keyfob-backup", "keyfob-restore", "keyfob-token-import");
        for (String page : pages) {
            assertThat(dir.resolve("adoc/" + page + ".adoc")).isRegularFile();
        }
        keyfob.getCommandSpec().subcommands().forEach((name, sub) ->
                assertThat(completion).describedAs("completion of keyfob %s", name).contains(" " + name));
        assertThat(dir.resolve("adoc/keyfobd.adoc")).content().contains("--check-config");
        assertThat(dir.resolve("completion/keyfobd")).content().contains("--check-config");
    }

    private static void pageNames(CommandLine command, String name, List<String> into) {
        into.add(name);
        command.getSubcommands().forEach((sub, line) -> {
            if (sub.equals(line.getCommandName())) {
                pageNames(line, name + "-" + sub, into);
            }
        });
    }
}
