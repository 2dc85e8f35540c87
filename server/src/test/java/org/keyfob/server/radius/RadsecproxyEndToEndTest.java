package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;
import static org.keyfob.server.radius.RunningServer.awaitTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.server.radsec.TestPki;

/**
 * radclient (UDP) → Debian's radsecproxy → Keyfob over TLS (RFC 6614): two independent
 * implementations of RADIUS and of RadSec in front of the whole server, codes from oathtool.
 */
class RadsecproxyEndToEndTest {
    @TempDir
    static Path pkiDir;

    @TempDir
    Path dir;

    private static TestPki pki;
    private RadsecServer server;
    private Radsecproxy proxy;

    @BeforeAll
    static void tools() throws Exception {
        Radclient.assumeInstalled();
        Radsecproxy.assumeInstalled();
        TestPki.assumeOpensslInstalled();
        pki = TestPki.create(pkiDir);
    }

    @BeforeEach
    void start() throws Exception {
        server = RadsecServer.start(dir.resolve("keyfob"), pki);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            server.close();
        }
    }

    private Radclient.Result login(String password, int waitSeconds) throws Exception {
        return Radclient.send(proxy.udpPort, waitSeconds, "auth", Radsecproxy.UDP_SECRET, "User-Name = \"" + USER + "\"",
                "User-Password = \"" + password + "\"", "Message-Authenticator = 0x00");
    }

    @Test
    @DisplayName("radclient → radsecproxy → Keyfob over TLS: PIN and code accepted, the same code again rejected")
    void pinAndCodeThroughRadsecproxyAreAcceptedAndTheReplayRejected() throws Exception {
        proxy = Radsecproxy.start(dir.resolve("proxy"), pki, "proxy", server.port());
        String code = Radclient.oathtool(SEED_HEX, 0);

        Radclient.Result first = login(PIN + code, 10);
        Radclient.Result replay = login(PIN + code, 10);

        assertThat(first.accepted()).describedAs("radclient:%n%s%nradsecproxy:%n%s", first.output(), proxy.log())
                .isTrue();
        assertThat(replay.rejected()).describedAs("radclient:%n%s%nradsecproxy:%n%s", replay.output(), proxy.log())
                .isTrue();
        assertThat(server.radius.store().audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .singleElement()
                .satisfies(e -> assertThat(e.event().actor()).isEqualTo(Actor.client(RadsecServer.CLIENT)));
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
        assertThat(server.counter("radsec_connections")).isPositive();
        assertThat(server.counter("radsec_handshakes_refused")).isZero();
    }

    @Test
    @DisplayName("RFC 5997: radsecproxy's Status-Server probes over TLS are answered")
    void radsecproxyStatusServerProbesAreAnswered() throws Exception {
        proxy = Radsecproxy.start(dir.resolve("proxy"), pki, "proxy", server.port());

        // radsecproxy 1.9 connects at start-up and sends its first probe about 25 s later (a fixed
        // period, not configurable), hence a bound longer than awaitTrue's.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!proxy.log().contains("got status server response from keyfob")) {
            assertThat(System.nanoTime() - deadline)
                    .as(() -> "waited 90 s for a Status-Server; radsecproxy:\n" + proxy.log()).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertThat(server.counter("status_server")).isPositive();
        assertThat(server.counter("dropped_no_message_authenticator")).isZero();
        assertThat(server.counter("dropped_bad_authenticator")).isZero();
    }

    @Test
    @DisplayName("RFC 6614 §2.4: a radsecproxy whose certificate is not from radsec.ca is refused in the handshake")
    void radsecproxyWithAnUntrustedCertificateIsRefused() throws Exception {
        proxy = Radsecproxy.start(dir.resolve("proxy"), pki, "impostor", server.port());

        Radclient.Result result = login(PIN + Radclient.oathtool(SEED_HEX, 0), 3);

        assertThat(result.accepted()).describedAs("radclient:%n%s", result.output()).isFalse();
        awaitTrue(() -> server.counter("radsec_handshakes_refused") > 0, "Keyfob to refuse radsecproxy's handshake");
        assertThat(server.counter("radsec_connections")).isZero();
        assertThat(server.counter("requests")).isZero();
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).isEmpty();
    }
}
