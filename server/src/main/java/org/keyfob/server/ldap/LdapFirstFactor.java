package org.keyfob.server.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.Optional;
import org.keyfob.config.LdapConfig;
import org.keyfob.oath.auth.FirstFactor;
import org.keyfob.oath.auth.FirstFactorResult;
import org.keyfob.oath.auth.RejectReason;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the PIN part of a login by a simple bind to the directory as the user: the user's DN
 * comes from the template, or from a search done on a pooled connection bound as the service
 * account. With {@code group-dn}, the group must list the user ({@code member} or
 * {@code uniqueMember} = the DN, or {@code memberUid} = the name); nested groups are not followed.
 *
 * <p>A directory that cannot be reached or does not answer in time gives
 * {@link RejectReason#DIRECTORY_UNAVAILABLE} and a WARN line, never a pass. An empty password is
 * refused without asking the directory (a simple bind with an empty password is an anonymous
 * bind, RFC 4513 §5.1.2, and would "succeed"). User names with characters special in DNs or
 * filters are refused. The password is never logged. Thread-safe.
 */
public final class LdapFirstFactor implements FirstFactor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LdapFirstFactor.class);
    private static final String UNSAFE = ",+\"\\<>;=*()\0#";

    private final LdapConfig config;
    private final LDAPConnectionPool pool;

    LdapFirstFactor(LdapConfig config, LDAPConnectionPool pool) {
        this.config = config;
        this.pool = pool;
    }

    /** Opens the pool; the directory need not be up yet (connections are made when needed). */
    public static LdapFirstFactor open(LdapConfig config) throws LdapSetupException {
        return new LdapFirstFactor(config, LdapPools.open(config));
    }

    @Override
    public FirstFactorResult check(User user, String secret, Actor client) {
        String name = user.name();
        if (secret.isEmpty()) {
            return failed(RejectReason.BAD_PIN);
        }
        if (name.chars().anyMatch(c -> UNSAFE.indexOf(c) >= 0) || name.startsWith(" ") || name.endsWith(" ")) {
            log.warn("user {}: the name has a character special in LDAP DNs or filters; refused without asking"
                    + " the directory", printable(name));
            return failed(RejectReason.BAD_PIN);
        }
        try {
            Optional<String> dn = findDn(name);
            if (dn.isEmpty()) {
                return failed(RejectReason.BAD_PIN);
            }
            return bindAndCheckGroup(name, dn.get(), secret);
        } catch (LDAPException e) {
            return unavailable(name, e);
        }
    }

    private Optional<String> findDn(String name) throws LDAPException {
        if (config.userDnTemplate().isPresent()) {
            return Optional.of(config.userDnTemplate().get().replace("{user}", name));
        }
        String filter = config.userFilter().replace("{user}", Filter.encodeValue(name));
        SearchRequest request = new SearchRequest(config.baseDn().orElseThrow(), SearchScope.SUB,
                Filter.create(filter), SearchRequest.NO_ATTRIBUTES);
        request.setSizeLimit(2);
        request.setTimeLimitSeconds((int) config.timeout().toSeconds());
        SearchResult result;
        try {
            result = pool.search(request);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                log.warn("user {}: ldap.user-filter matches more than one entry under {}; refused", printable(name),
                        config.baseDn().get());
                return Optional.empty();
            }
            throw e;
        }
        if (result.getEntryCount() != 1) {
            log.info("user {}: {} entries match ldap.user-filter under {}; refused", printable(name),
                    result.getEntryCount(), config.baseDn().get());
            return Optional.empty();
        }
        return Optional.of(result.getSearchEntries().get(0).getDN());
    }

    private FirstFactorResult bindAndCheckGroup(String name, String dn, String secret) throws LDAPException {
        LDAPConnection connection = pool.getConnection();
        boolean usable = true;
        try {
            BindRequest bind = new SimpleBindRequest(dn, secret);
            bind.setResponseTimeoutMillis(config.timeout().toMillis());
            try {
                connection.bind(bind);
            } catch (LDAPException e) {
                if (!e.getResultCode().isConnectionUsable()) {
                    usable = false;
                    throw e;
                }
                // 49 invalidCredentials, or an account the directory refuses (disabled, expired).
                log.debug("user {}: the directory refused the bind: {}", printable(name), e.getResultCode());
                return failed(RejectReason.BAD_PIN);
            }
            if (config.groupDn().isPresent() && !inGroup(connection, name, dn)) {
                log.info("user {}: not a member of {}; refused", printable(name), config.groupDn().get());
                return failed(RejectReason.NOT_IN_GROUP);
            }
            return FirstFactorResult.PASSED;
        } catch (LDAPException e) {
            usable = usable && e.getResultCode().isConnectionUsable();
            throw e;
        } finally {
            if (usable) {
                pool.releaseAndReAuthenticateConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    private boolean inGroup(LDAPConnection connection, String name, String dn) throws LDAPException {
        Filter filter = Filter.createORFilter(Filter.createEqualityFilter("member", dn),
                Filter.createEqualityFilter("uniqueMember", dn), Filter.createEqualityFilter("memberUid", name));
        SearchRequest request = new SearchRequest(config.groupDn().get(), SearchScope.BASE, filter,
                SearchRequest.NO_ATTRIBUTES);
        request.setTimeLimitSeconds((int) config.timeout().toSeconds());
        try {
            return connection.search(request).getEntryCount() == 1;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                log.warn("ldap.group-dn {} does not exist (or the user may not read it); refusing every login",
                        config.groupDn().get());
                return false;
            }
            throw e;
        }
    }

    private FirstFactorResult unavailable(String name, LDAPException e) {
        log.warn("user {}: the directory did not answer ({}: {}); refused with DIRECTORY_UNAVAILABLE",
                printable(name), e.getResultCode(), e.getDiagnosticMessage() == null ? e.getExceptionMessage()
                        : e.getDiagnosticMessage());
        return failed(RejectReason.DIRECTORY_UNAVAILABLE);
    }

    private static FirstFactorResult failed(RejectReason reason) {
        return new FirstFactorResult.Failed(reason);
    }

    private static String printable(String text) {
        return text.codePoints().limit(64).map(c -> c <= ' ' || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Override
    public void close() {
        pool.close();
    }
}
