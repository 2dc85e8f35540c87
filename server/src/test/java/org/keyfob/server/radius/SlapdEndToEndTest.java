package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.StoreConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * radclient → keyfobd (its own JVM, configured by keyfob.yaml) → OpenLDAP slapd: the PIN part of a
 * pin+otp password is the user's directory password, checked by a bind over LDAPS (or StartTLS)
 * with slapd's self-signed certificate as the trust store, after a search as the service account
 * whose password is in a file; only members of {@code vpn-users} pass. The users exist in the
 * store only as names holding a token, with no local PIN. Tests run in order: the last stops slapd.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlapdEndToEndTest {
    private static final List<String[]> PEOPLE = List.of(new String[] {"alice", "Alice-pw-1"},
            new String[] {"bob", "Bob-pw-2"}, new String[] {"carol", "Carol-pw-3"}, new String[] {"dave", "Dave-pw-4"},
            new String[] {"erin", "Erin-pw-5"});

    private Path dir;

    private Slapd slapd;
    private int port;
    private KeyfobdProcess keyfobd;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Radclient.assumeInstalled();
        Slapd.assumeInstalled();
        slapd = Slapd.start(dir.resolve("slapd"), PEOPLE, List.of("alice", "carol", "dave", "erin"));
        try (Store store = StoreOpener.open(new StoreConfig(dir.resolve("data"), Optional.empty()))) {
            for (String[] person : PEOPLE) {
                directoryUserWithToken(store, person[0]);
            }
        }
        port = KeyfobdProcess.freeUdpPort();
        keyfobd = startKeyfobd(dir.resolve("keyfob.yaml"), port, slapd.ldapsUrl(), false);
    }

    @AfterAll
    void stop() throws Exception {
        if (keyfobd != null) {
            keyfobd.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    /** What {@code keyfob token assign --create-user} does: a user row with no local PIN, holding a token. */
    private static void directoryUserWithToken(Store store, String name) {
        Actor admin = Actor.admin("e2e-test");
        store.users().add(name, Optional.empty(), admin);
        Serial serial = new Serial("LDAP-" + name);
        Token token = new Token(serial, TokenSpec.hotp(HashAlgorithm.SHA1, 6),
                Seed.of(HexFormat.of().parseHex(SEED_HEX)), TokenStatus.VALID, TokenState.initial(0));
        store.tokens().addAll(List.of(new NewToken(token, TokenDetails.NONE)), admin);
        store.tokens().assign(serial, name, AssignmentLimits.ONE_TO_ONE, admin);
    }

    private KeyfobdProcess startKeyfobd(Path config, int udpPort, String url, boolean startTls) throws Exception {
        Files.writeString(dir.resolve("ldap-bind.secret"), Slapd.SERVICE_PASSWORD + "\n");
        Files.writeString(config, String.join("\n",
                "radius:",
                "  listen: [127.0.0.1]",
                "  port: " + udpPort,
                "  password-mode: pin+otp",
                "  clients:",
                "    - {name: vpn1, address: 127.0.0.1, secret: " + SECRET + "}",
                "store:",
                "  data-dir: data",
                "ldap:",
                "  servers: [\"" + url + "\"]",
                "  start-tls: " + startTls,
                "  trust-store: " + slapd.certificate(),
                "  bind-dn: \"" + Slapd.SERVICE_DN + "\"",
                "  bind-password-file: ldap-bind.secret",
                "  base-dn: \"ou=people," + Slapd.BASE + "\"",
                "  user-filter: \"(uid={user})\"",
                "  group-dn: \"" + Slapd.GROUP_DN + "\"",
                "  timeout: 3",
                ""));
        KeyfobdProcess process = KeyfobdProcess.start(config, KeyfobdProcess.etc("logback.xml"));
        process.awaitLine("listening on");
        return process;
    }

    private static Radclient.Result login(int port, String user, String password) throws Exception {
        return Radclient.send(port, "auth", SECRET, "User-Name = \"" + user + "\"",
                "User-Password = \"" + password + "\"", "Message-Authenticator = 0x00");
    }

    private static String code(long counter) throws Exception {
        return Radclient.oathtool(SEED_HEX, counter);
    }

    @Test
    @Order(1)
    void directoryPasswordAndCodeAreAcceptedOverLdapsAndTheCodeOnlyOnce() throws Exception {
        Radclient.Result first = login(port, "alice", "Alice-pw-1" + code(0));
        Radclient.Result replay = login(port, "alice", "Alice-pw-1" + code(0));

        assertThat(first.accepted()).describedAs("radclient output:%n%s", first.output()).isTrue();
        assertThat(replay.rejected()).describedAs("radclient output:%n%s", replay.output()).isTrue();
        assertThat(keyfobd.awaitLine("user=alice nas=vpn1 result=REJECT")).contains("reason=REPLAY");
    }

    @Test
    @Order(2)
    void wrongDirectoryPasswordIsRejectedAsBadPinWithoutUsingTheCode() throws Exception {
        Radclient.Result wrong = login(port, "carol", "Alice-pw-1" + code(0));
        Radclient.Result right = login(port, "carol", "Carol-pw-3" + code(0));

        assertThat(wrong.rejected()).describedAs("radclient output:%n%s", wrong.output()).isTrue();
        assertThat(keyfobd.awaitLine("user=carol nas=vpn1 result=REJECT")).contains("reason=BAD_PIN");
        assertThat(right.accepted()).describedAs("the code was not used up:%n%s", right.output()).isTrue();
    }

    @Test
    @Order(3)
    void userOutsideTheGroupIsRejectedAsNotInGroup() throws Exception {
        Radclient.Result result = login(port, "bob", "Bob-pw-2" + code(0));

        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(keyfobd.awaitLine("user=bob nas=vpn1 result=REJECT")).contains("reason=NOT_IN_GROUP");
    }

    @Test
    @Order(4)
    void startTlsOnThePlainPortWorksWithTheSameTrustStore() throws Exception {
        int startTlsPort = KeyfobdProcess.freeUdpPort();
        Path config = dir.resolve("keyfob-starttls.yaml");
        try (KeyfobdProcess second = startKeyfobd(config, startTlsPort, slapd.ldapUrl(), true)) {
            Radclient.Result ok = login(startTlsPort, "erin", "Erin-pw-5" + code(0));
            Radclient.Result wrong = login(startTlsPort, "erin", "Erin-pw-X" + code(1));

            assertThat(ok.accepted()).describedAs("radclient output:%n%s", ok.output()).isTrue();
            assertThat(wrong.rejected()).describedAs("radclient output:%n%s", wrong.output()).isTrue();
            assertThat(second.awaitLine("user=erin nas=vpn1 result=REJECT")).contains("reason=BAD_PIN");
            second.stop();
        }
    }

    @Test
    @Order(5)
    void directoryThatIsDownGivesRejectWithDirectoryUnavailableAndAWarning() throws Exception {
        slapd.stop();

        Radclient.Result result = login(port, "dave", "Dave-pw-4" + code(0));

        assertThat(result.rejected()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(keyfobd.awaitLine("user=dave nas=vpn1 result=REJECT")).contains("reason=DIRECTORY_UNAVAILABLE");
        assertThat(keyfobd.awaitLine("the directory did not answer")).contains("WARN", "user dave")
                .doesNotContain("Dave-pw-4");
    }
}
