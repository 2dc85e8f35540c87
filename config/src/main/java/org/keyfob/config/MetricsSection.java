package org.keyfob.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code metrics:} section into a {@link MetricsConfig}:
 *
 * <pre>
 * metrics:
 *   listen: 127.0.0.1   # an IP literal; host names are not resolved
 *   port: 9812          # 1..65535
 * </pre>
 *
 * No section, no endpoint. An empty {@code metrics:} turns it on with both defaults. Problems go
 * to the {@link NodeReader} like every other section's.
 */
final class MetricsSection {

    private MetricsSection() {
    }

    static Optional<MetricsConfig> read(NodeReader reader, Map<String, Node> sections) {
        if (!sections.containsKey("metrics")) {
            return Optional.empty();
        }
        Map<String, Node> keys = reader.mapping(sections.get("metrics"), "metrics", List.of("listen", "port"));
        InetAddress listen = ConfigLoader.literal(MetricsConfig.DEFAULT_LISTEN).orElseThrow();
        if (keys.containsKey("listen")) {
            Node node = keys.get("listen");
            Optional<String> text = reader.text(node, "metrics.listen", "one IP address such as 127.0.0.1");
            Optional<InetAddress> address = text.flatMap(ConfigLoader::literal);
            if (text.isPresent() && address.isEmpty()) {
                reader.problem(node, "metrics.listen = " + text.get() + " is not an IP address; expected one"
                        + " IPv4 or IPv6 literal such as 127.0.0.1 or ::1 (host names are not resolved)");
            }
            listen = address.orElse(listen);
        }
        int port = MetricsConfig.DEFAULT_PORT;
        if (keys.containsKey("port")) {
            port = reader.integer(keys.get("port"), "metrics.port", 1, 65535, "a TCP port")
                    .orElse(MetricsConfig.DEFAULT_PORT);
        }
        return Optional.of(new MetricsConfig(listen, port));
    }
}
