package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.USER;
import static org.keyfob.server.radius.RunningServer.awaitTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.config.MetricsConfig;
import org.keyfob.server.metrics.MetricsEndpoint;
import org.keyfob.server.metrics.RadiusMetrics;
import org.keyfob.server.metrics.RadsecMetrics;
import org.keyfob.server.radsec.TestPki;

/**
 * RadSec (RFC 6614) against the JDK's own TLS client: the whole server behind a real TLS socket
 * on 127.0.0.1, with certificates from a PKI made for the run.
 */
class RadsecTlsTest {
    private static final int STATUS_SERVER = 12;

    @TempDir
    static Path pkiDir;

    @TempDir
    Path dir;

    private static TestPki pki;
    private RadsecServer server;
    private final Random random = new Random(6614);

    @BeforeAll
    static void pki() throws Exception {
        TestPki.assumeOpensslInstalled();
        pki = TestPki.create(pkiDir);
    }

    @BeforeEach
    void start() throws Exception {
        server = RadsecServer.start(dir, pki);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SSLSocket connect(String certificate, String... protocols) throws Exception {
        SSLSocket socket = (SSLSocket) pki.clientContext(certificate).getSocketFactory()
                .createSocket("127.0.0.1", server.port());
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.setSoTimeout(20_000);
        return socket;
    }

    private byte[] login(String password) {
        return WireRequest.accessRequest(RadsecServer.SECRET, random, USER, password);
    }

    private static int code(byte[] response) {
        return response[0] & 0xff;
    }

    @Test
    @DisplayName("RFC 6614 §2.3: an Access-Request over TLS is answered with the secret \"radsec\"; the code is not accepted twice")
    void pinAndCodeAreAcceptedOverTlsAndTheSameCodeIsThenRejected() throws Exception {
        try (SSLSocket socket = connect("proxy")) {
            byte[] request = login(PIN + RunningServer.code(0));
            RadsecServer.send(socket, request);
            byte[] accept = RadsecServer.receive(socket);

            assertThat(code(accept)).isEqualTo(WireRequest.ACCESS_ACCEPT);
            assertThat(Arrays.copyOfRange(accept, 4, 20)).isEqualTo(WireRequest.expectedResponseAuthenticator(
                    accept, Arrays.copyOfRange(request, 4, 20), RadsecServer.SECRET));
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

            RadsecServer.send(socket, login(PIN + RunningServer.code(0)));
            assertThat(code(RadsecServer.receive(socket))).isEqualTo(WireRequest.ACCESS_REJECT);
        }
        assertThat(server.radius.store().audit().query(AuditQuery.ALL.ofType(AuditEventType.E_LOGIN_SUCCEEDED)))
                .singleElement().satisfies(e -> assertThat(e.event().actor()).isEqualTo(Actor.client(RadsecServer.CLIENT)));
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
        assertThat(server.counter("radsec_connections")).isEqualTo(1);
    }

    @Test
    void aClientLimitedToTls12IsServed() throws Exception {
        try (SSLSocket socket = connect("proxy", "TLSv1.2")) {
            RadsecServer.send(socket, login(PIN + RunningServer.code(0)));

            assertThat(code(RadsecServer.receive(socket))).isEqualTo(WireRequest.ACCESS_ACCEPT);
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    @DisplayName("RFC 5997 over RFC 6614: Status-Server with Message-Authenticator gets an Access-Accept")
    void statusServerIsAnswered() throws Exception {
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, statusServer(77));
            byte[] answer = RadsecServer.receive(socket);

            assertThat(code(answer)).isEqualTo(WireRequest.ACCESS_ACCEPT);
            assertThat(answer[1] & 0xff).isEqualTo(77);
        }
        assertThat(server.counter("status_server")).isEqualTo(1);
    }

    @Test
    @DisplayName("a request repeated on the same connection gets the same answer, without a second login")
    void retransmissionOnTheSameConnectionIsAnsweredFromTheCache() throws Exception {
        byte[] request = login(PIN + RunningServer.code(0));
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, request);
            byte[] first = RadsecServer.receive(socket);
            RadsecServer.send(socket, request);
            byte[] again = RadsecServer.receive(socket);

            assertThat(code(first)).isEqualTo(WireRequest.ACCESS_ACCEPT);
            assertThat(again).isEqualTo(first);
        }
        assertThat(server.counter("duplicates")).isEqualTo(1);
        assertThat(server.counter("accepts")).isEqualTo(1);
    }

    @Test
    void theSameRequestOnANewConnectionIsANewLoginAndAReplay() throws Exception {
        byte[] request = login(PIN + RunningServer.code(0));
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, request);
            assertThat(code(RadsecServer.receive(socket))).isEqualTo(WireRequest.ACCESS_ACCEPT);
        }
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, request);
            assertThat(code(RadsecServer.receive(socket))).isEqualTo(WireRequest.ACCESS_REJECT);
        }
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
    }

    @Test
    @DisplayName("BlastRADIUS rules hold over TLS too: an Access-Request without Message-Authenticator is dropped")
    void requestWithoutMessageAuthenticatorIsDroppedAndTheConnectionStaysUp() throws Exception {
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, withoutMessageAuthenticator(PIN + RunningServer.code(0)));
            RadsecServer.send(socket, statusServer(9));

            byte[] answer = RadsecServer.receive(socket);
            assertThat(answer[1] & 0xff).describedAs("the only answer is the Status-Server's").isEqualTo(9);
        }
        assertThat(server.counter("dropped_no_message_authenticator")).isEqualTo(1);
        assertThat(server.counter("accepts")).isZero();
    }

    @Test
    @DisplayName("RFC 6614 §2.4: a certificate from the CA that no client entry names is refused in the handshake")
    void certificateThatMatchesNoClientIsRefused() throws Exception {
        assertRefused("stranger");
        assertNothingServed();
    }

    @Test
    void certificateWithAKnownSubjectFromAnotherCaIsRefused() throws Exception {
        assertRefused("impostor");
        assertNothingServed();
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        assertRefused(null);
        assertNothingServed();
    }

    private void assertNothingServed() {
        assertThat(server.counter("radsec_connections")).isZero();
        assertThat(server.counter("requests")).isZero();
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).isEmpty();
    }

    /** Refused during the handshake, counted once, and nothing reached the login. */
    private void assertRefused(String certificate) throws Exception {
        try (SSLSocket socket = connect(certificate)) {
            try {
                RadsecServer.send(socket, login(PIN + RunningServer.code(0)));
            } catch (java.io.IOException e) {
                // TLS 1.3 may fail the write already; the read below then fails too.
            }
            assertThat(RadsecServer.closedWithoutAnswer(socket)).isTrue();
        }
        awaitTrue(() -> server.counter("radsec_handshakes_refused") == 1, "the refused handshake to be counted");
        assertThat(server.radius.auditDetails(AuditEventType.E_LOGIN_FAILED)).isEmpty();
    }

    @Test
    @DisplayName("RFC 2865 §3: a Length outside 20..4096 on the stream closes the connection")
    void lengthFieldOutOfBoundsClosesTheConnection() throws Exception {
        try (SSLSocket socket = connect("proxy")) {
            byte[] bad = new byte[20];
            bad[0] = 1;
            bad[3] = 19;
            RadsecServer.send(socket, bad);

            assertThat(RadsecServer.closedWithoutAnswer(socket)).isTrue();
        }
        awaitTrue(() -> server.counter("radsec_closed_bad_framing") == 1, "the bad frame to be counted");
        assertThat(server.counter("requests")).isZero();
    }

    @Test
    void metricsEndpointCountsRadsecConnectionsAndRefusalsBesideTheRequestsTheyCarry() throws Exception {
        try (SSLSocket socket = connect("proxy")) {
            RadsecServer.send(socket, login(PIN + RunningServer.code(0)));
            assertThat(code(RadsecServer.receive(socket))).isEqualTo(WireRequest.ACCESS_ACCEPT);
        }
        assertRefused("stranger");

        try (MetricsEndpoint endpoint = MetricsEndpoint.start(
                new MetricsConfig(InetAddress.getLoopbackAddress(), 0),
                new RadiusMetrics(server.radius.counters(), () -> 1, "test"),
                new RadsecMetrics(server.radsec.counters()))) {
            String body = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(body).contains("keyfob_radsec_connections_total 1.0", "keyfob_radsec_handshakes_refused_total 1.0",
                    "keyfob_radsec_closed_bad_framing_total 0.0", "keyfob_radius_accepts_total 1.0");
        }
    }

    /** RFC 5997 §3: Status-Server with Message-Authenticator and nothing else. */
    private byte[] statusServer(int identifier) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        byte[] packet = packet(STATUS_SERVER, identifier, authenticator,
                WireRequest.attribute(WireRequest.MESSAGE_AUTHENTICATOR, new byte[16]));
        System.arraycopy(WireRequest.hmacMd5(RadsecServer.SECRET, packet), 0, packet, 22, 16);
        return packet;
    }

    private byte[] withoutMessageAuthenticator(String password) {
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator);
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        attributes.writeBytes(WireRequest.attribute(WireRequest.USER_NAME, USER.getBytes(StandardCharsets.UTF_8)));
        attributes.writeBytes(WireRequest.attribute(WireRequest.USER_PASSWORD,
                WireRequest.hidePassword(password, authenticator, RadsecServer.SECRET)));
        return packet(WireRequest.ACCESS_REQUEST, 3, authenticator, attributes.toByteArray());
    }

    private static byte[] packet(int code, int identifier, byte[] authenticator, byte[] attributes) {
        byte[] packet = new byte[20 + attributes.length];
        packet[0] = (byte) code;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        System.arraycopy(authenticator, 0, packet, 4, 16);
        System.arraycopy(attributes, 0, packet, 20, attributes.length);
        return packet;
    }
}
