package org.keyfob.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** When keyfobd is started (not just checking) on a bad file, each problem is a log line at ERROR. */
class KeyfobdConfigProblemsTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Keyfobd.class);

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void startingOnABadFileLogsEveryProblemAtErrorAndExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("keyfob.yaml"),
                "radius:\n  port: 70000\nmetrics:\n  listen: metrics.example.org\n");
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new Keyfobd()).setErr(new PrintWriter(err, true))
                .execute("--config", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "configuration problem: keyfob.yaml:2: radius.port = 70000 is outside 1..65535",
                "configuration problem: keyfob.yaml:4: metrics.listen = metrics.example.org is not an IP address;"
                        + " expected one IPv4 or IPv6 literal such as 127.0.0.1 or ::1 (host names are not resolved)",
                "keyfobd not started: " + file + " has 2 problem(s); fix them (bin/keyfobd --check-config lists"
                        + " them again)");
    }
}
