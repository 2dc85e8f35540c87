package org.keyfob.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code ldap:} section into an {@link LdapConfig}; see {@code etc/keyfob.yaml} for every
 * key. No section, no directory: the PIN is the one kept in the store. Paths resolve against the
 * directory of the config file. The bind password is never in the file itself, only the path of
 * a file that holds it. Problems go to the {@link NodeReader} like every other section's.
 */
final class LdapSection {
    private static final List<String> KEYS = List.of("servers", "start-tls", "trust-store", "bind-dn",
            "bind-password-file", "user-dn", "base-dn", "user-filter", "group-dn", "clients", "timeout", "pool-size");

    private LdapSection() {
    }

    static Optional<LdapConfig> read(NodeReader reader, Map<String, Node> sections, Path baseDir) {
        if (!sections.containsKey("ldap")) {
            return Optional.empty();
        }
        Node section = sections.get("ldap");
        Map<String, Node> keys = reader.mapping(section, "ldap", KEYS);
        List<URI> servers = servers(reader, keys, section);
        boolean startTls = keys.containsKey("start-tls") && reader.bool(keys.get("start-tls"), "ldap.start-tls").orElse(false);
        if (startTls && servers.stream().anyMatch(u -> "ldaps".equals(u.getScheme()))) {
            reader.problem(keys.get("start-tls"), "ldap.start-tls is true but a server is ldaps://; StartTLS"
                    + " upgrades ldap:// connections, so use ldap:// URLs or remove start-tls");
        }
        Optional<Path> trustStore = file(reader, keys, "trust-store", baseDir, "a PEM file of CA certificates");
        Optional<String> bindDn = text(reader, keys, "bind-dn", "the DN of the service account");
        Optional<Path> passwordFile = file(reader, keys, "bind-password-file", baseDir,
                "a file holding the service account's password");
        if (keys.containsKey("bind-dn") != keys.containsKey("bind-password-file")) {
            reader.problem(section, "ldap: bind-dn and bind-password-file go together; set both, or neither for"
                    + " an anonymous search");
        }
        Optional<String> userDn = text(reader, keys, "user-dn", "a template such as uid={user},ou=people,dc=example,dc=org");
        Optional<String> baseDn = text(reader, keys, "base-dn", "the DN to search for users under");
        String filter = text(reader, keys, "user-filter", "a filter such as (uid={user})").orElse(LdapConfig.DEFAULT_USER_FILTER);
        userDn.filter(t -> !t.contains("{user}")).ifPresent(t -> reader.problem(keys.get("user-dn"),
                "ldap.user-dn has no {user}; write where the user name goes, e.g. uid={user},ou=people,dc=example,dc=org"));
        if (!filter.contains("{user}") || !filter.startsWith("(")) {
            reader.problem(keys.getOrDefault("user-filter", section), "ldap.user-filter = " + filter
                    + " must be a parenthesised filter with {user} in it, such as (sAMAccountName={user})");
        }
        if (keys.containsKey("user-dn") == keys.containsKey("base-dn")) {
            reader.problem(section, "ldap: set exactly one of user-dn (a DN or UPN template) and base-dn (search"
                    + " for the user's DN)");
        }
        Optional<String> groupDn = text(reader, keys, "group-dn", "the DN of the group users must belong to");
        List<String> clients = new ArrayList<>();
        if (keys.containsKey("clients")) {
            reader.sequence(keys.get("clients"), "ldap.clients", "[vpn1, vpn2]").ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    reader.text(items.get(i), "ldap.clients[" + i + "]", "a client name from radius.clients")
                            .ifPresent(clients::add);
                }
            });
        }
        int seconds = keys.containsKey("timeout") ? reader.integer(keys.get("timeout"), "ldap.timeout", 1, 60,
                "seconds").orElse(5) : (int) LdapConfig.DEFAULT_TIMEOUT.toSeconds();
        int pool = keys.containsKey("pool-size") ? reader.integer(keys.get("pool-size"), "ldap.pool-size", 1, 64,
                "connections").orElse(LdapConfig.DEFAULT_POOL_SIZE) : LdapConfig.DEFAULT_POOL_SIZE;
        if (servers.isEmpty() || userDn.isPresent() == baseDn.isPresent()) {
            return Optional.empty(); // already reported
        }
        return Optional.of(new LdapConfig(servers, startTls, trustStore, bindDn, passwordFile, userDn, baseDn, filter,
                groupDn, clients, Duration.ofSeconds(seconds), pool));
    }

    private static List<URI> servers(NodeReader reader, Map<String, Node> keys, Node section) {
        List<URI> servers = new ArrayList<>();
        if (!keys.containsKey("servers")) {
            reader.problem(section, "ldap has no servers; expected a list such as [ldaps://dc1.example.org:636]");
            return servers;
        }
        reader.sequence(keys.get("servers"), "ldap.servers", "[ldaps://dc1.example.org:636]").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String name = "ldap.servers[" + i + "]";
                Optional<String> text = reader.text(items.get(i), name, "an ldap:// or ldaps:// URL");
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    URI uri = new URI(text.get());
                    if (!("ldap".equals(uri.getScheme()) || "ldaps".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new URISyntaxException(text.get(), "not ldap://host[:port] or ldaps://host[:port]");
                    }
                    servers.add(uri);
                } catch (URISyntaxException e) {
                    reader.problem(items.get(i), name + " = " + text.get() + " is not an ldap:// or ldaps:// URL with"
                            + " a host, such as ldaps://dc1.example.org:636");
                }
            }
        });
        if (servers.isEmpty() && keys.containsKey("servers")) {
            reader.problem(keys.get("servers"), "ldap.servers lists no usable server");
        }
        return servers;
    }

    private static Optional<String> text(NodeReader reader, Map<String, Node> keys, String key, String what) {
        return keys.containsKey(key) ? reader.text(keys.get(key), "ldap." + key, what) : Optional.empty();
    }

    private static Optional<Path> file(NodeReader reader, Map<String, Node> keys, String key, Path baseDir, String what) {
        Optional<String> text = text(reader, keys, key, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = baseDir.resolve(text.get()).normalize();
            if (Files.isRegularFile(file) && Files.isReadable(file)) {
                return Optional.of(file);
            }
            reader.problem(keys.get(key), "ldap." + key + " = " + text.get() + ": no readable file at " + file
                    + "; expected " + what + " (relative to this file)");
        } catch (InvalidPathException e) {
            reader.problem(keys.get(key), "ldap." + key + " = " + text.get() + " is not a valid path: " + e.getReason());
        }
        return Optional.empty();
    }
}
