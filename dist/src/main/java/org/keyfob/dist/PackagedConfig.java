package org.keyfob.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/keyfob/keyfob.yaml} of the Debian package, derived from {@code etc/keyfob.yaml}
 * so that both keep the same comments: the store's data directory becomes {@code /var/lib/keyfob}
 * and the paths in the header name the installed files. Everything else is the source file.
 *
 * <p>Metrics: the package serves them on 127.0.0.1 by uncommenting the example {@code metrics:}
 * section of {@code etc/keyfob.yaml}; if that example changes shape the build stops, so nobody ships
 * a package that silently lacks metrics.
 */
final class PackagedConfig {
    static final String DATA_DIR = "/var/lib/keyfob";
    private static final String SOURCE_DATA_DIR = "  data-dir: ../data";
    /** The example in etc/keyfob.yaml that the package uncomments: metrics on, loopback only. */
    private static final List<String> COMMENTED_METRICS = List.of("# metrics:", "#   listen: 127.0.0.1", "#   port: 9812");

    private PackagedConfig() {
    }

    static String from(Path source, String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int dataDir = lines.indexOf(SOURCE_DATA_DIR);
        if (dataDir < 0 || lines.lastIndexOf(SOURCE_DATA_DIR) != dataDir) {
            throw new IllegalStateException(source + ": expected exactly one line \"" + SOURCE_DATA_DIR.strip()
                    + "\" under store:, to point the package at " + DATA_DIR + "; update dist's PackagedConfig to match");
        }
        lines.set(dataDir, "  data-dir: " + DATA_DIR);
        switchOnMetrics(source, lines);

        StringBuilder out = new StringBuilder();
        out.append("# Packaged by the keyfob Debian package as /etc/keyfob/keyfob.yaml (a conffile: your changes\n")
                .append("# survive upgrades). keyfobd runs as the keyfob user from keyfob.service; its data and the\n")
                .append("# master key live in ").append(DATA_DIR).append(", its log goes to the journal\n")
                .append("# (journalctl -u keyfob). Apply changes with: systemctl restart keyfob\n#\n");
        for (String line : lines) {
            out.append(line.replace("bin/keyfobd --config etc/keyfob.yaml", "keyfobd --config /etc/keyfob/keyfob.yaml"))
                    .append('\n');
        }
        return out.toString();
    }

    private static void switchOnMetrics(Path source, List<String> lines) {
        int start = lines.indexOf(COMMENTED_METRICS.get(0));
        if (start < 0 || start + COMMENTED_METRICS.size() > lines.size()
                || !lines.subList(start, start + COMMENTED_METRICS.size()).equals(COMMENTED_METRICS)) {
            throw new IllegalStateException(source + ": expected the commented lines " + COMMENTED_METRICS
                    + " for the package to switch on; update dist's PackagedConfig so the package serves"
                    + " metrics on 127.0.0.1");
        }
        for (int i = 0; i < COMMENTED_METRICS.size(); i++) {
            lines.set(start + i, COMMENTED_METRICS.get(i).substring(2));
        }
    }
}
