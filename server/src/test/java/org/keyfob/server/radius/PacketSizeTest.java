package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener reads whole packets, up to the RFC's maximum, not up to Netty's default buffer. */
class PacketSizeTest {
    private static final int PROXY_STATE = 33;

    @TempDir
    Path dir;

    @Test
    @DisplayName("RFC 2865 §3: a request of up to 4096 octets is read whole and accepted")
    void requestLongerThan2048OctetsIsAcceptedAndItsProxyStatesEchoed() throws Exception {
        byte[] proxyState = new byte[250];
        Arrays.fill(proxyState, (byte) 'x');
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (int i = 0; i < 15; i++) {
            extra.writeBytes(WireRequest.attribute(PROXY_STATE, proxyState));
        }
        byte[] request = WireRequest.accessRequest(SECRET, 9, HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0"),
                USER, PIN + RunningServer.code(0), extra.toByteArray());
        assertThat(request.length).isBetween(3_000, 4_096);

        try (RunningServer server = RunningServer.start(dir);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0))) {
            nas.setSoTimeout(10_000);
            nas.send(new DatagramPacket(request, request.length, server.address()));
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            nas.receive(answer);

            assertThat(buffer[0]).describedAs("code of the answer").isEqualTo((byte) WireRequest.ACCESS_ACCEPT);
            // Message-Authenticator (18) plus the 15 Proxy-State attributes (252 each), RFC 2865 §5.33.
            assertThat(answer.getLength()).isEqualTo(20 + 18 + 15 * 252);
            assertThat(server.counter("dropped_malformed")).isZero();
        }
    }

    @Test
    @DisplayName("RFC 2865 §5.33: Proxy-State that leaves no room for an answer is dropped before the code is used")
    void proxyStateThatCannotBeEchoedIsDroppedWithoutUsingTheCode() throws Exception {
        byte[] proxyState = new byte[252];
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (int i = 0; i < 15; i++) {
            extra.writeBytes(WireRequest.attribute(PROXY_STATE, proxyState));
        }
        extra.writeBytes(WireRequest.attribute(PROXY_STATE, new byte[200]));
        byte[] request = WireRequest.accessRequest(SECRET, 10, HexFormat.of().parseHex("b1b2b3b4b5b6b7b8b9babbbcbdbebfc0"),
                USER, PIN + RunningServer.code(0), extra.toByteArray());
        assertThat(request.length).isLessThanOrEqualTo(4_096);

        try (RunningServer server = RunningServer.start(dir);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0))) {
            nas.send(new DatagramPacket(request, request.length, server.address()));
            RunningServer.awaitTrue(() -> server.counter("dropped_malformed") == 1, "the request to be dropped");

            assertThat(server.counter("accepts")).isZero();
            assertThat(server.counter("errors")).isZero();
        }
    }
}
