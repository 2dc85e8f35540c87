package org.keyfob.oath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pure packages pure (STYLE.md §1, §2): no storage, files, network or logging imports,
 * and no clock reads: time is always passed in.
 */
class PurityTest {
    /** Packages that must do no I/O of their own; {@code store} is interfaces only, its JDBC code is in {@code store/jdbi}. */
    private static final List<String> PURE = List.of("codec", "engine", "token", "verify", "auth", "store", "provision",
            "provision/csv", "provision/pskc");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "import (java\\.sql|java\\.nio\\.file|java\\.io\\.File|java\\.net|io\\.netty|org\\.slf4j|org\\.jdbi)"
            + "|Instant\\.now\\(|System\\.currentTimeMillis|System\\.nanoTime|Clock\\.system"
            + "|System\\.(getenv|getProperty)|System\\.out|System\\.err");

    @Test
    void purePackagesDoNoIoAndReadNoClock() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : PURE) {
            Path dir = Path.of("src/main/java/org/keyfob/oath", pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (FORBIDDEN.matcher(lines.get(i)).find()) {
                            violations.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(Path.of("src/main/java/org/keyfob/oath/verify")).isDirectory();
    }
}
