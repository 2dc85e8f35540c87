package org.keyfob.server.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.LdapConfig;
import org.keyfob.oath.auth.FirstFactorResult;
import org.keyfob.oath.auth.RejectReason;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.User;
import org.keyfob.oath.token.LockState;
import org.slf4j.LoggerFactory;

/**
 * The LDAP first factor against UnboundID's in-memory directory on a loopback port: binds as the
 * user found by a service-account search or built from a template, the group rule, and refusals
 * (wrong password, unknown user, empty password, filter characters, a directory that is gone).
 */
class LdapFirstFactorTest {
    static final String BASE = "dc=example,dc=org";
    static final String SERVICE_DN = "cn=keyfob,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "svc-Secret-42";
    static final String GROUP_DN = "cn=vpn-users,ou=groups," + BASE;
    private static final Actor CLIENT = Actor.client("vpn1");

    @TempDir
    Path dir;

    private InMemoryDirectoryServer directory;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LdapFirstFactor.class);

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: " + SERVICE_DN, "objectClass: person", "cn: keyfob", "sn: keyfob",
                "userPassword: " + SERVICE_PASSWORD);
        person("alice", "Alice-pw-1");
        person("bob", "Bob-pw-2");
        directory.add("dn: " + GROUP_DN, "objectClass: groupOfNames", "cn: vpn-users",
                "member: uid=alice,ou=people," + BASE);
        directory.startListening();
        appender.start();
        logger.addAppender(appender);
    }

    private void person(String uid, String password) throws Exception {
        directory.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + uid, "sn: " + uid, "userPassword: " + password);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(appender);
        directory.shutDown(true);
    }

    private URI url() {
        return URI.create("ldap://127.0.0.1:" + directory.getListenPort());
    }

    private LdapConfig search(URI url, Optional<String> group) throws Exception {
        Path password = Files.writeString(dir.resolve("bind.secret"), SERVICE_PASSWORD + "\n");
        return new LdapConfig(List.of(url), false, Optional.empty(), Optional.of(SERVICE_DN), Optional.of(password),
                Optional.empty(), Optional.of("ou=people," + BASE), LdapConfig.DEFAULT_USER_FILTER, group, List.of(),
                Duration.ofSeconds(2), 2);
    }

    private LdapConfig template() {
        return new LdapConfig(List.of(url()), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("uid={user},ou=people," + BASE), Optional.empty(), LdapConfig.DEFAULT_USER_FILTER,
                Optional.empty(), List.of(), Duration.ofSeconds(2), 2);
    }

    private static User user(String name) {
        return new User(name, Optional.empty(), LockState.CLEAR, Optional.empty(), Optional.empty(),
                Instant.parse("2026-11-22T10:00:00Z"), 0);
    }

    private static FirstFactorResult check(LdapConfig config, String name, String password) throws Exception {
        try (LdapFirstFactor ldap = LdapFirstFactor.open(config)) {
            return ldap.check(user(name), password, CLIENT);
        }
    }

    @Test
    void userFoundBySearchWithServiceAccountPassesWithDirectoryPassword() throws Exception {
        assertThat(check(search(url(), Optional.empty()), "alice", "Alice-pw-1")).isEqualTo(FirstFactorResult.PASSED);
    }

    @Test
    void userFromDnTemplatePassesWithDirectoryPassword() throws Exception {
        assertThat(check(template(), "bob", "Bob-pw-2")).isEqualTo(FirstFactorResult.PASSED);
    }

    @Test
    void wrongDirectoryPasswordIsBadPin() throws Exception {
        assertThat(check(search(url(), Optional.empty()), "alice", "Bob-pw-2"))
                .isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
        assertThat(check(template(), "alice", "wrong")).isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
    }

    @Test
    void userNotInDirectoryIsBadPin() throws Exception {
        assertThat(check(search(url(), Optional.empty()), "mallory", "Alice-pw-1"))
                .isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
    }

    @Test
    void emptyPasswordIsRefusedRatherThanSentAsAnAnonymousBind() throws Exception {
        assertThat(check(template(), "alice", "")).isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
    }

    @Test
    void nameWithFilterCharactersIsRefusedWithoutASearch() throws Exception {
        assertThat(check(search(url(), Optional.empty()), "*", "Alice-pw-1"))
                .isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
        assertThat(check(search(url(), Optional.empty()), "a*)(uid=*", "Alice-pw-1"))
                .isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
    }

    @Test
    void groupMemberPassesAndNonMemberIsNotInGroup() throws Exception {
        LdapConfig config = search(url(), Optional.of(GROUP_DN));

        assertThat(check(config, "alice", "Alice-pw-1")).isEqualTo(FirstFactorResult.PASSED);
        assertThat(check(config, "bob", "Bob-pw-2")).isEqualTo(new FirstFactorResult.Failed(RejectReason.NOT_IN_GROUP));
        assertThat(check(config, "bob", "wrong")).isEqualTo(new FirstFactorResult.Failed(RejectReason.BAD_PIN));
    }

    @Test
    void unreachableDirectoryIsDirectoryUnavailableWithAWarning() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        FirstFactorResult result = check(search(URI.create("ldap://127.0.0.1:" + closedPort), Optional.empty()),
                "alice", "Alice-pw-1");

        assertThat(result).isEqualTo(new FirstFactorResult.Failed(RejectReason.DIRECTORY_UNAVAILABLE));
        assertThat(appender.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("user alice", "DIRECTORY_UNAVAILABLE")
                    .doesNotContain("Alice-pw-1");
        });
    }

    @Test
    void directoryThatStopsAfterWorkingIsDirectoryUnavailableThenWorksAgainWhenBack() throws Exception {
        try (LdapFirstFactor ldap = LdapFirstFactor.open(search(url(), Optional.empty()))) {
            assertThat(ldap.check(user("alice"), "Alice-pw-1", CLIENT)).isEqualTo(FirstFactorResult.PASSED);
            int port = directory.getListenPort();
            String dump = dir.resolve("dump.ldif").toString();
            directory.exportToLDIF(dump, false, true);
            directory.shutDown(true);

            assertThat(ldap.check(user("alice"), "Alice-pw-1", CLIENT))
                    .isEqualTo(new FirstFactorResult.Failed(RejectReason.DIRECTORY_UNAVAILABLE));

            InMemoryDirectoryServerConfig again = new InMemoryDirectoryServerConfig(BASE);
            again.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                    InetAddress.getLoopbackAddress(), port, null));
            InMemoryDirectoryServer restarted = new InMemoryDirectoryServer(again);
            restarted.importFromLDIF(true, dump);
            directory = restarted;
            directory.startListening();

            assertThat(ldap.check(user("alice"), "Alice-pw-1", CLIENT)).isEqualTo(FirstFactorResult.PASSED);
        }
    }
}
