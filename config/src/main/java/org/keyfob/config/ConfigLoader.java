package org.keyfob.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keyfob.oath.auth.PasswordMode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads {@code keyfob.yaml} into a {@link ServerConfig}.
 *
 * <p>The file is composed into SnakeYAML Engine's node tree (not bound to objects) and mapped by
 * hand, so each problem can name its line. Every problem in the file is collected and thrown
 * together; unknown keys are problems. Relative paths resolve against the directory that holds
 * the file, never the working directory. The schema, with defaults:
 *
 * <pre>
 * radius:
 *   listen: [127.0.0.1]   # IP literals; host names are not resolved
 *   port: 1812            # 1..65535
 *   dictionary: FILE      # optional, relative to the file's directory
 * store:
 *   data-dir: ../data     # relative to the file's directory
 *   url: jdbc:...         # optional
 *   key-file: keyfob.key  # relative to data-dir
 * metrics:                # optional; absent means no metrics endpoint
 *   listen: 127.0.0.1
 *   port: 9812
 * radsec: ...             # optional; RADIUS over TLS, see {@link RadsecSection}
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final String DEFAULT_LISTEN = "127.0.0.1";
    private static final String DEFAULT_DATA_DIR = "../data";

    /**
     * Reads and checks {@code file}.
     *
     * @throws ConfigException listing every problem, when the file is missing, unreadable, not
     *     YAML, or does not fit the schema
     */
    public ServerConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        String fileName = String.valueOf(absolute.getFileName());
        Optional<Node> root = compose(absolute, fileName);
        NodeReader reader = new NodeReader(fileName);
        Map<String, Node> sections = reader.mapping(root.orElse(null), "",
                List.of("radius", "store", "metrics", "radsec", "ldap"));
        RadiusConfig radius = radius(reader, sections.get("radius"), absolute.getParent());
        StoreConfig store = store(reader, sections.get("store"), absolute.getParent());
        Optional<MetricsConfig> metrics = MetricsSection.read(reader, sections);
        Optional<RadsecConfig> radsec = RadsecSection.read(reader, sections.get("radsec"), absolute.getParent());
        Optional<LdapConfig> ldap = LdapSection.read(reader, sections, absolute.getParent());
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(reader.problems());
        }
        return new ServerConfig(radius, store, metrics, radsec, ldap);
    }

    private static Optional<Node> compose(Path file, String fileName) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file; pass --config with the path of keyfob.yaml"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": is not UTF-8 text; save it as UTF-8"));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(List.of(file + ": cannot be read (" + e + "); check the path and its permissions"));
        }
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new JsonSchema()).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(1);
            throw new ConfigException(List.of(fileName + ":" + line + ": not valid YAML: " + e.getProblem()
                    + "; check indentation and quoting near this line"));
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(fileName + ": not valid YAML: " + e.getMessage()));
        }
    }

    private static RadiusConfig radius(NodeReader reader, Node section, Path baseDir) {
        Map<String, Node> keys = reader.mapping(section, "radius",
                List.of("listen", "port", "password-mode", "clients", "dictionary"));
        List<InetAddress> listen = new ArrayList<>();
        if (keys.containsKey("listen")) {
            Node node = keys.get("listen");
            Optional<List<Node>> items = reader.sequence(node, "radius.listen", "[127.0.0.1, \"::1\"]");
            if (items.isPresent() && items.get().isEmpty()) {
                reader.problem(node, "radius.listen is empty; list at least one address such as 127.0.0.1");
            }
            items.ifPresent(list -> addresses(reader, list, listen));
        } else {
            listen.add(literal(DEFAULT_LISTEN).orElseThrow());
        }
        int port = RadiusConfig.DEFAULT_PORT;
        if (keys.containsKey("port")) {
            port = reader.integer(keys.get("port"), "radius.port", 1, 65535, "a UDP port")
                    .orElse(RadiusConfig.DEFAULT_PORT);
        }
        if (listen.isEmpty()) {
            // Already reported; a placeholder keeps the record valid while other sections are checked.
            listen.add(literal(DEFAULT_LISTEN).orElseThrow());
        }
        PasswordMode mode = keys.containsKey("password-mode")
                ? passwordMode(reader, keys.get("password-mode"), "radius.password-mode").orElse(PasswordMode.PIN_OTP)
                : PasswordMode.PIN_OTP;
        List<ClientConfig> clients = new ArrayList<>();
        if (keys.containsKey("clients")) {
            reader.sequence(keys.get("clients"), "radius.clients", "[{name: vpn1, address: 192.0.2.10, secret: …}]")
                    .ifPresent(items -> {
                        for (int i = 0; i < items.size(); i++) {
                            client(reader, items.get(i), "radius.clients[" + i + "]", clients);
                        }
                    });
        }
        Optional<Path> dictionary = keys.containsKey("dictionary")
                ? dictionary(reader, keys.get("dictionary"), baseDir) : Optional.empty();
        return new RadiusConfig(listen, port, mode, clients, dictionary);
    }

    private static Optional<Path> dictionary(NodeReader reader, Node node, Path baseDir) {
        Optional<String> text = reader.text(node, "radius.dictionary", "the path of a FreeRADIUS-format dictionary");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = baseDir.resolve(text.get()).normalize();
        } catch (InvalidPathException e) {
            reader.problem(node, "radius.dictionary = " + text.get() + " is not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            reader.problem(node, "radius.dictionary = " + text.get() + ": no readable file at " + file
                    + "; give the path of a FreeRADIUS-format dictionary (relative to this file), or remove the key");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static void client(NodeReader reader, Node node, String name, List<ClientConfig> clients) {
        Map<String, Node> keys = reader.mapping(node, name,
                List.of("name", "address", "secret", "password-mode", "legacy"));
        Optional<String> clientName = required(reader, keys, node, name, "name", "a name such as vpn1");
        Optional<String> address = required(reader, keys, node, name, "address", "an IP address or CIDR block");
        Optional<String> secret = required(reader, keys, node, name, "secret", "the shared secret");
        address.ifPresent(a -> {
            try {
                CidrBlock.parse(a);
            } catch (IllegalArgumentException e) {
                reader.problem(keys.get("address"), name + ".address: " + e.getMessage());
            }
        });
        secret.filter(s -> s.length() < 16).ifPresent(s -> reader.problem(keys.get("secret"), name
                + ".secret is " + s.length() + " characters; use at least 16 random characters (RFC 6614 §4"
                + " and BlastRADIUS advice: short secrets can be guessed offline)"));
        Optional<PasswordMode> mode = keys.containsKey("password-mode")
                ? passwordMode(reader, keys.get("password-mode"), name + ".password-mode") : Optional.empty();
        boolean legacy = keys.containsKey("legacy") && reader.bool(keys.get("legacy"), name + ".legacy").orElse(false);
        if (clientName.isPresent() && clients.stream().anyMatch(c -> c.name().equals(clientName.get()))) {
            reader.problem(keys.get("name"), name + ".name = " + clientName.get() + " is used twice; names must be unique");
        }
        if (clientName.isPresent() && address.isPresent() && secret.isPresent()) {
            clients.add(new ClientConfig(clientName.get(), address.get(), secret.get(), mode, legacy));
        }
    }

    private static Optional<String> required(NodeReader reader, Map<String, Node> keys, Node node, String name,
            String key, String what) {
        if (!keys.containsKey(key)) {
            reader.problem(node, name + " has no " + key + "; expected " + what);
            return Optional.empty();
        }
        return reader.text(keys.get(key), name + "." + key, what);
    }

    static Optional<PasswordMode> passwordMode(NodeReader reader, Node node, String name) {
        Optional<String> text = reader.text(node, name, "pin+otp, otp+pin, otp or challenge");
        try {
            return text.map(PasswordMode::parse);
        } catch (IllegalArgumentException e) {
            reader.problem(node, name + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void addresses(NodeReader reader, List<Node> items, List<InetAddress> listen) {
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String name = "radius.listen[" + i + "]";
            Optional<String> text = reader.text(item, name, "an IP address such as 127.0.0.1 or ::1");
            if (text.isEmpty()) {
                continue;
            }
            Optional<InetAddress> address = literal(text.get());
            if (address.isEmpty()) {
                reader.problem(item, name + " = " + text.get() + " is not an IP address; expected an IPv4 or"
                        + " IPv6 literal such as 127.0.0.1, 0.0.0.0 or ::1 (host names are not resolved)");
            } else if (listen.contains(address.get())) {
                reader.problem(item, name + " = " + text.get() + " is listed twice; keep one");
            } else {
                listen.add(address.get());
            }
        }
    }

    /** Parses an IP literal without ever asking DNS: a host name is simply not an address. */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return Optional.empty();
        }
        try {
            // With a dotted quad or a colon, getByName parses the literal and does no lookup.
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static StoreConfig store(NodeReader reader, Node section, Path baseDir) {
        Map<String, Node> keys = reader.mapping(section, "store", List.of("data-dir", "url", "key-file"));
        String dataDir = DEFAULT_DATA_DIR;
        if (keys.containsKey("data-dir")) {
            dataDir = reader.text(keys.get("data-dir"), "store.data-dir", "a directory path").orElse(DEFAULT_DATA_DIR);
        }
        Path resolved;
        try {
            resolved = baseDir.resolve(dataDir).normalize();
        } catch (InvalidPathException e) {
            reader.problem(keys.get("data-dir"), "store.data-dir = " + dataDir + " is not a valid path: "
                    + e.getReason());
            resolved = baseDir.resolve(DEFAULT_DATA_DIR).normalize();
        }
        Optional<String> url = Optional.empty();
        if (keys.containsKey("url")) {
            url = reader.text(keys.get("url"), "store.url", "a JDBC URL");
            if (url.isPresent() && !url.get().startsWith("jdbc:")) {
                reader.problem(keys.get("url"), "store.url does not start with jdbc:; expected a JDBC URL"
                        + " such as jdbc:postgresql://db.example.org/keyfob, or remove it to use the"
                        + " embedded store in store.data-dir");
                url = Optional.empty();
            }
        }
        Path keyFile = resolved.resolve(StoreConfig.DEFAULT_KEY_FILE);
        if (keys.containsKey("key-file")) {
            Optional<String> text = reader.text(keys.get("key-file"), "store.key-file", "a file path");
            try {
                keyFile = text.map(resolved::resolve).orElse(keyFile).normalize();
            } catch (InvalidPathException e) {
                reader.problem(keys.get("key-file"), "store.key-file = " + text.orElse("") + " is not a valid path: "
                        + e.getReason());
            }
        }
        return new StoreConfig(resolved, url, keyFile);
    }
}
