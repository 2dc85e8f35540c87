package org.keyfob.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/keyfob/keyfob.yaml} of the Debian package, derived from {@code etc/keyfob.yaml}
 * so that both keep the same comments: the store's data directory becomes {@code /var/lib/keyfob}
 * and the paths in the header name the installed files. Everything else is the source file.
 *
 * <p>Metrics: the package should serve them on 127.0.0.1. Until {@code etc/keyfob.yaml} has a
 * {@code metrics:} section this appends a commented note; once it has one, {@code enabled: false}
 * inside it becomes {@code true}, and a section with no such line stops the build, so nobody ships
 * a package that silently lacks metrics.
 */
final class PackagedConfig {
    static final String DATA_DIR = "/var/lib/keyfob";
    private static final String SOURCE_DATA_DIR = "  data-dir: ../data";

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
        int start = lines.indexOf("metrics:");
        if (start < 0) {
            lines.add("");
            lines.add("# metrics: this Keyfob version has no metrics section yet. When it has one, the package");
            lines.add("#   turns the Prometheus endpoint on, listening on 127.0.0.1 only (see dist/README.md).");
            return;
        }
        for (int i = start + 1; i < lines.size() && (lines.get(i).isEmpty() || lines.get(i).startsWith(" ")
                || lines.get(i).startsWith("#")); i++) {
            if (lines.get(i).strip().equals("enabled: false")) {
                lines.set(i, lines.get(i).replace("enabled: false", "enabled: true"));
                return;
            }
        }
        throw new IllegalStateException(source + ":" + (start + 1) + ": metrics: has no \"enabled: false\" line for"
                + " the package to switch on; update dist's PackagedConfig so the package serves metrics on 127.0.0.1");
    }
}
