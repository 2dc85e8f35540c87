package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etc/keyfob.service as systemd reads it. {@code systemd-analyze verify} runs with {@code --root}
 * on a directory holding the unit, a stand-in /usr/bin/keyfobd and the host's targets and
 * slices, since it checks that ExecStart exists and that the units it depends on do. (The package
 * test verifies the installed unit again, in a Debian root.) Needs systemd-analyze (the systemd
 * package; .ci/run installs it).
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of(System.getProperty("keyfob.repository", ".."), "etc", "keyfob.service");

    @TempDir
    Path root;

    @BeforeAll
    static void needsSystemdAnalyze() throws Exception {
        assertThat(Command.onPath("systemd-analyze")).describedAs("systemd-analyze is needed: apt-get install systemd"
                + " (.ci/run installs it)").isTrue();
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
        Command verify = verify(Files.readString(UNIT));

        assertThat(verify.exit()).describedAs("%s", verify).isZero();
        assertThat(verify.output()).describedAs("warnings from systemd-analyze verify").isBlank();
    }

    @Test
    void verifyWouldReportAMistake() throws Exception {
        Command verify = verify(Files.readString(UNIT).replace("Type=exec", "Type=exex"));

        assertThat(verify.output()).contains("Failed to parse service type");
    }

    @Test
    void exposureScoreIsAtMostTwo() throws Exception {
        // --threshold is in tenths: 20 means an overall exposure of 2.0 (systemd calls below 3 "OK").
        Command security = Command.run("systemd-analyze", "security", "--offline=yes", "--threshold=20",
                UNIT.toString());

        assertThat(security.exit()).describedAs("%s", security).isZero();
        Matcher score = Pattern.compile("Overall exposure level for keyfob.service: (\\d+\\.\\d)").matcher(security.output());
        assertThat(score.find()).describedAs("%s", security).isTrue();
        assertThat(Double.parseDouble(score.group(1))).isLessThanOrEqualTo(2.0);
    }

    private Command verify(String unit) throws IOException, InterruptedException {
        Path units = Files.createDirectories(root.resolve("lib/systemd/system"));
        Files.writeString(units.resolve("keyfob.service"), unit);
        Path keyfobd = Files.createDirectories(root.resolve("usr/bin")).resolve("keyfobd");
        Files.writeString(keyfobd, "#!/bin/sh\n");
        Files.setPosixFilePermissions(keyfobd, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path p : host.filter(p -> p.toString().endsWith(".target") || p.toString().endsWith(".slice")).toList()) {
                Files.copy(p, units.resolve(p.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        return Command.run(2, List.of("systemd-analyze", "verify", "--man=no", "--root=" + root,
                "/lib/systemd/system/keyfob.service"));
    }
}
