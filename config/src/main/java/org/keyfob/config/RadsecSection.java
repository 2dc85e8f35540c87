package org.keyfob.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keyfob.oath.auth.PasswordMode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the optional {@code radsec:} section into a {@link RadsecConfig}; absent means no RadSec
 * listener. Every problem goes to the {@link NodeReader}, with its line.
 *
 * <pre>
 * radsec:
 *   listen: [127.0.0.1]        # IP literals
 *   port: 2083                 # 1..65535
 *   certificate: radsec/server.pem
 *   private-key: radsec/server.key   # PKCS#8, readable by the owner only
 *   ca: radsec/clients-ca.pem
 *   clients:
 *     - name: proxy1
 *       subject: CN=proxy1.example.org,O=Example   # or dns-name: ..., or sha256: ...
 *       password-mode: pin+otp                    # optional
 *       legacy: false                             # optional
 * </pre>
 */
final class RadsecSection {
    private static final List<String> MATCH_KEYS = List.of("subject", "dns-name", "sha256");

    private RadsecSection() {
    }

    static Optional<RadsecConfig> read(NodeReader reader, Node section, Path baseDir) {
        if (section == null) {
            return Optional.empty();
        }
        Map<String, Node> keys = reader.mapping(section, "radsec",
                List.of("listen", "port", "certificate", "private-key", "ca", "clients"));
        List<InetAddress> listen = new ArrayList<>();
        if (keys.containsKey("listen")) {
            reader.sequence(keys.get("listen"), "radsec.listen", "[127.0.0.1, \"::1\"]").ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    String name = "radsec.listen[" + i + "]";
                    Node item = items.get(i);
                    reader.text(item, name, "an IP address such as 127.0.0.1 or ::1").ifPresent(text -> {
                        Optional<InetAddress> address = ConfigLoader.literal(text);
                        if (address.isEmpty()) {
                            reader.problem(item, name + " = " + text + " is not an IP address; expected an IPv4 or"
                                    + " IPv6 literal such as 127.0.0.1 or ::1 (host names are not resolved)");
                        } else if (listen.contains(address.get())) {
                            reader.problem(item, name + " = " + text + " is listed twice; keep one");
                        } else {
                            listen.add(address.get());
                        }
                    });
                }
            });
        }
        if (listen.isEmpty()) {
            listen.add(ConfigLoader.literal("127.0.0.1").orElseThrow());
        }
        int port = keys.containsKey("port")
                ? reader.integer(keys.get("port"), "radsec.port", 1, 65535, "a TCP port").orElse(RadsecConfig.DEFAULT_PORT)
                : RadsecConfig.DEFAULT_PORT;
        Optional<Path> certificate = file(reader, keys, section, "certificate", baseDir, "the server certificate (PEM)");
        Optional<Path> privateKey = file(reader, keys, section, "private-key", baseDir, "the server private key (PEM)");
        Optional<Path> ca = file(reader, keys, section, "ca", baseDir, "the CA certificates clients must chain to (PEM)");
        privateKey.ifPresent(key -> ownerOnly(reader, keys.get("private-key"), key));
        List<RadsecClientConfig> clients = new ArrayList<>();
        if (!keys.containsKey("clients")) {
            reader.problem(section, "radsec has no clients; list at least one, e.g. clients: [{name: proxy1,"
                    + " subject: \"CN=proxy1.example.org\"}], or remove the radsec section");
        } else {
            reader.sequence(keys.get("clients"), "radsec.clients", "[{name: proxy1, subject: \"CN=proxy1\"}]")
                    .ifPresent(items -> {
                        for (int i = 0; i < items.size(); i++) {
                            client(reader, items.get(i), "radsec.clients[" + i + "]", clients);
                        }
                    });
        }
        if (certificate.isEmpty() || privateKey.isEmpty() || ca.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RadsecConfig(listen, port, certificate.get(), privateKey.get(), ca.get(), clients));
    }

    private static void client(NodeReader reader, Node node, String name, List<RadsecClientConfig> clients) {
        Map<String, Node> keys = reader.mapping(node, name,
                List.of("name", "subject", "dns-name", "sha256", "password-mode", "legacy"));
        Optional<String> clientName = Optional.empty();
        if (!keys.containsKey("name")) {
            reader.problem(node, name + " has no name; expected a name such as proxy1");
        } else {
            clientName = reader.text(keys.get("name"), name + ".name", "a name such as proxy1");
        }
        List<String> given = MATCH_KEYS.stream().filter(keys::containsKey).toList();
        Optional<CertificateMatch> match = Optional.empty();
        if (given.size() != 1) {
            reader.problem(node, name + " has " + (given.isEmpty() ? "none" : String.join(" and ", given))
                    + " of subject, dns-name, sha256; set exactly one, to say which certificate is this client");
        } else {
            String key = given.get(0);
            Node value = keys.get(key);
            Optional<String> text = reader.text(value, name + "." + key, "a certificate " + key);
            try {
                match = text.map(t -> switch (key) {
                    case "subject" -> new CertificateMatch.Subject(t);
                    case "dns-name" -> new CertificateMatch.DnsName(t);
                    case "sha256" -> new CertificateMatch.Sha256(t);
                    default -> throw new AssertionError(key);
                });
            } catch (IllegalArgumentException e) {
                reader.problem(value, name + "." + key + ": " + e.getMessage());
            }
        }
        Optional<PasswordMode> mode = keys.containsKey("password-mode")
                ? ConfigLoader.passwordMode(reader, keys.get("password-mode"), name + ".password-mode") : Optional.empty();
        boolean legacy = keys.containsKey("legacy") && reader.bool(keys.get("legacy"), name + ".legacy").orElse(false);
        String chosen = clientName.orElse(null);
        if (chosen != null && clients.stream().anyMatch(c -> c.name().equals(chosen))) {
            reader.problem(keys.get("name"), name + ".name = " + chosen + " is used twice; names must be unique");
        }
        Optional<CertificateMatch> m = match;
        if (m.isPresent() && clients.stream().anyMatch(c -> c.match().equals(m.get()))) {
            reader.problem(keys.get(given.get(0)), name + " matches the same certificate as an earlier client;"
                    + " each certificate must map to one client");
        }
        if (clientName.isPresent() && match.isPresent()) {
            clients.add(new RadsecClientConfig(clientName.get(), match.get(), mode, legacy));
        }
    }

    private static Optional<Path> file(NodeReader reader, Map<String, Node> keys, Node section, String key,
            Path baseDir, String what) {
        if (!keys.containsKey(key)) {
            reader.problem(section, "radsec has no " + key + "; expected the path of " + what);
            return Optional.empty();
        }
        Node node = keys.get(key);
        Optional<String> text = reader.text(node, "radsec." + key, "the path of " + what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = baseDir.resolve(text.get()).normalize();
        } catch (InvalidPathException e) {
            reader.problem(node, "radsec." + key + " = " + text.get() + " is not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            reader.problem(node, "radsec." + key + " = " + text.get() + ": no readable file at " + file
                    + "; give the path of " + what + " (relative to this file)");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static void ownerOnly(NodeReader reader, Node node, Path key) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(key);
        } catch (UnsupportedOperationException | IOException e) {
            return;
        }
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            reader.problem(node, "radsec.private-key " + key + " can be read by group or others; make it readable"
                    + " by the keyfob user only: chmod 600 " + key);
        }
    }
}
