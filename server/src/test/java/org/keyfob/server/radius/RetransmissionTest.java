package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.AuditEventType;

/**
 * What a NAS sees when it retransmits, checked on the wire with a client encoder that shares no
 * code with the server ({@link WireRequest}).
 */
class RetransmissionTest {
    private static final byte[] REQUEST_AUTHENTICATOR = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");

    @TempDir
    Path dir;

    private RunningServer server;
    private DatagramSocket nas;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dir);
        nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0));
        // A bound on a blocking receive, so a missing answer fails the test instead of hanging it.
        nas.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() {
        if (nas != null) {
            nas.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private byte[] exchange(byte[] request) throws Exception {
        nas.send(new DatagramPacket(request, request.length, server.address()));
        byte[] buffer = new byte[4096];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        nas.receive(answer);
        return Arrays.copyOf(buffer, answer.getLength());
    }

    private static byte[] request(int identifier, String password, byte[] extra) {
        return WireRequest.accessRequest(SECRET, identifier, REQUEST_AUTHENTICATOR, USER, password, extra);
    }

    @Test
    @DisplayName("RFC 5080 §2.2.2: the same request twice gets the same answer, and the code is verified once")
    void retransmittedRequestGetsTheIdenticalAcceptAndIsVerifiedOnce() throws Exception {
        byte[] request = request(7, PIN + RunningServer.code(0), new byte[0]);

        byte[] first = exchange(request);
        byte[] second = exchange(request);

        assertThat(first[0]).describedAs("code of the first answer").isEqualTo((byte) WireRequest.ACCESS_ACCEPT);
        assertThat(second).isEqualTo(first);
        assertThat(server.counter("duplicates")).isEqualTo(1);
        assertThat(server.counter("accepts")).isEqualTo(1);
        assertThat(server.counter("rejects")).isZero();
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(1);
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).isEmpty();
    }

    @Test
    @DisplayName("RFC 5080 §2.2.2: a new Request Authenticator is a new request, so the same code is a replay")
    void sameCodeInANewRequestIsAReplay() throws Exception {
        String password = PIN + RunningServer.code(0);
        assertThat(exchange(request(7, password, new byte[0]))[0]).isEqualTo((byte) WireRequest.ACCESS_ACCEPT);

        byte[] fresh = WireRequest.accessRequest(SECRET, 7, HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                USER, password, new byte[0]);

        assertThat(exchange(fresh)[0]).isEqualTo((byte) WireRequest.ACCESS_REJECT);
        assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).containsExactly("reason=REPLAY");
        assertThat(server.counter("duplicates")).isZero();
    }

    @Test
    @DisplayName("RFC 2865 §3 and RFC 3579 §3.2: the answer is signed with the Response Authenticator and"
            + " starts with a valid Message-Authenticator")
    void answerCarriesResponseAuthenticatorAndMessageAuthenticatorFirst() throws Exception {
        byte[] answer = exchange(request(42, PIN + RunningServer.code(0), new byte[0]));

        assertThat(answer[1]).describedAs("identifier").isEqualTo((byte) 42);
        assertThat((answer[2] & 0xff) << 8 | (answer[3] & 0xff)).describedAs("Length field").isEqualTo(answer.length);
        assertThat(Arrays.copyOfRange(answer, 4, 20)).describedAs("Response Authenticator")
                .isEqualTo(WireRequest.expectedResponseAuthenticator(answer, REQUEST_AUTHENTICATOR, SECRET));
        assertThat(answer[20] & 0xff).describedAs("type of the first attribute")
                .isEqualTo(WireRequest.MESSAGE_AUTHENTICATOR);
        assertThat(answer[21] & 0xff).describedAs("length of Message-Authenticator").isEqualTo(18);
        assertThat(Arrays.copyOfRange(answer, 22, 38)).describedAs("Message-Authenticator value")
                .isEqualTo(WireRequest.expectedResponseMessageAuthenticator(answer, 22, REQUEST_AUTHENTICATOR, SECRET));
    }
}
