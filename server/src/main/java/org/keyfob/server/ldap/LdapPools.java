package org.keyfob.server.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.keyfob.config.LdapConfig;

/**
 * Builds the connection pool an {@link LdapFirstFactor} uses: failover over {@code ldap.servers} in
 * order, LDAPS or StartTLS with the configured CA file (or the JVM's trust store) and host-name
 * checking, connect and response timeouts, and the service account's bind (its password read from
 * {@code bind-password-file}, one line, trailing newline ignored).
 */
final class LdapPools {
    private LdapPools() {
    }

    static LDAPConnectionPool open(LdapConfig config) throws LdapSetupException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.timeout().toMillis());
        options.setResponseTimeoutMillis(config.timeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(trustManager(config));
        SSLContext context;
        try {
            context = ssl.createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new LdapSetupException("ldap: cannot set up TLS: " + e.getMessage());
        }
        List<ServerSet> servers = config.servers().stream().map(uri -> server(uri, context, options)).toList();
        ServerSet set = servers.size() == 1 ? servers.get(0) : new FailoverServerSet(servers);
        PostConnectProcessor startTls = config.startTls() ? new StartTLSPostConnectProcessor(context) : null;
        try {
            // No connection is made up front (throwOnConnectFailure false): a directory that is down
            // at start-up is reported per login, and the pool connects once it is back.
            LDAPConnectionPool pool = new LDAPConnectionPool(set, serviceBind(config), 1, config.poolSize(), 1,
                    startTls, false);
            pool.setMaxWaitTimeMillis(config.timeout().toMillis());
            pool.setCreateIfNecessary(true);
            pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH));
            pool.setConnectionPoolName("keyfob-ldap");
            return pool;
        } catch (LDAPException e) {
            throw new LdapSetupException("ldap: cannot create the connection pool: " + e.getMessage());
        }
    }

    private static ServerSet server(URI uri, SSLContext context, LDAPConnectionOptions options) {
        boolean ldaps = "ldaps".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ldaps ? 636 : 389;
        return ldaps ? new SingleServerSet(uri.getHost(), port, context.getSocketFactory(), options)
                : new SingleServerSet(uri.getHost(), port, options);
    }

    private static TrustManager trustManager(LdapConfig config) throws LdapSetupException {
        if (config.trustStore().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(config.trustStore().get().toFile());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new LdapSetupException("ldap.trust-store " + config.trustStore().get() + ": not a PEM file of"
                    + " CA certificates (" + e.getMessage() + "); give the CA that issued the directory's certificate");
        }
    }

    private static BindRequest serviceBind(LdapConfig config) throws LdapSetupException {
        if (config.bindDn().isEmpty()) {
            return null;
        }
        String password;
        try {
            password = Files.readString(config.bindPasswordFile().orElseThrow(), StandardCharsets.UTF_8)
                    .replaceFirst("\r?\n$", "");
        } catch (IOException e) {
            throw new LdapSetupException("ldap.bind-password-file " + config.bindPasswordFile().get()
                    + ": cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
        }
        if (password.isEmpty()) {
            throw new LdapSetupException("ldap.bind-password-file " + config.bindPasswordFile().get()
                    + " is empty; an empty password would make the search anonymous");
        }
        return new SimpleBindRequest(config.bindDn().get(), password);
    }
}
