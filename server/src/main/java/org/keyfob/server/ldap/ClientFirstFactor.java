package org.keyfob.server.ldap;

import org.keyfob.config.LdapConfig;
import org.keyfob.oath.auth.FirstFactor;
import org.keyfob.oath.auth.FirstFactorResult;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.User;

/**
 * The directory for the RADIUS clients that {@code ldap.clients} names (all of them when it is
 * absent), the local PIN for the rest. Thread-safe.
 */
public final class ClientFirstFactor implements FirstFactor {
    private final LdapConfig config;
    private final FirstFactor directory;
    private final FirstFactor local;

    public ClientFirstFactor(LdapConfig config, FirstFactor directory, FirstFactor local) {
        this.config = config;
        this.directory = directory;
        this.local = local;
    }

    @Override
    public FirstFactorResult check(User user, String secret, Actor client) {
        boolean useDirectory = client.kind() == Actor.Kind.RADIUS_CLIENT ? config.appliesTo(client.name())
                : config.clients().isEmpty();
        return (useDirectory ? directory : local).check(user, secret, client);
    }
}
