package org.keyfob.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ldap:} section: the PIN part of a login is checked by binding to a directory as the
 * user. The user's DN comes either from {@code userDnTemplate} ({@code {user}} replaced) or from a
 * search under {@code baseDn} with {@code userFilter}, done as {@code bindDn} (or anonymously).
 *
 * @param servers ldap:// or ldaps:// URLs, tried in order (failover)
 * @param startTls upgrade ldap:// connections with StartTLS
 * @param trustStore PEM file of the CA certificates to trust; empty means the JVM's trust store
 * @param bindDn the service account that searches for users; empty means anonymous search
 * @param bindPasswordFile the file holding the service account's password (read at start-up)
 * @param userDnTemplate e.g. {@code uid={user},ou=people,dc=example,dc=org} or {@code {user}@example.org}
 * @param baseDn where to search for the user
 * @param userFilter the search filter, {@code {user}} replaced by the escaped user name
 * @param groupDn a group the user must be a member of ({@code member}, {@code uniqueMember} or {@code memberUid})
 * @param clients the RADIUS clients (by name) whose logins use the directory; empty means every client
 * @param timeout connect and response timeout
 * @param poolSize connections kept open to the directory
 */
public record LdapConfig(List<URI> servers, boolean startTls, Optional<Path> trustStore, Optional<String> bindDn,
        Optional<Path> bindPasswordFile, Optional<String> userDnTemplate, Optional<String> baseDn, String userFilter,
        Optional<String> groupDn, List<String> clients, Duration timeout, int poolSize) {
    public static final String DEFAULT_USER_FILTER = "(uid={user})";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_POOL_SIZE = 4;

    public LdapConfig {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("ldap.servers is empty");
        }
        if (userDnTemplate.isEmpty() == baseDn.isEmpty()) {
            throw new IllegalArgumentException("exactly one of ldap.user-dn and ldap.base-dn must be set");
        }
    }

    /** Whether logins through {@code clientName} check their PIN part against the directory. */
    public boolean appliesTo(String clientName) {
        return clients.isEmpty() || clients.contains(clientName);
    }
}
