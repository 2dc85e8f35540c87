package org.keyfob.server.ldap;

import org.keyfob.config.ServerConfig;
import org.keyfob.oath.auth.FirstFactor;
import org.keyfob.oath.auth.LocalPin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The first factor {@code keyfob.yaml} asks for: the local PIN, or the directory for some or all clients. */
public final class FirstFactors {
    private static final Logger log = LoggerFactory.getLogger(FirstFactors.class);

    private FirstFactors() {
    }

    public static FirstFactor fromConfig(ServerConfig config) throws LdapSetupException {
        if (config.ldap().isEmpty()) {
            return new LocalPin();
        }
        var ldap = config.ldap().get();
        log.info("first factor: LDAP bind at {} ({}) for {}; the local PIN for any other client", ldap.servers(),
                ldap.startTls() ? "StartTLS" : "as the URL says", ldap.clients().isEmpty() ? "every client"
                        : "clients " + String.join(", ", ldap.clients()));
        return new ClientFirstFactor(ldap, LdapFirstFactor.open(ldap), new LocalPin());
    }
}
