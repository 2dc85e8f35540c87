package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.ClientConfig;
import org.keyfob.config.ReplyDictionary;

/** The listener on the IPv6 loopback, a client known by an IPv6 block, and strangers dropped. */
class Ipv6AndUnknownClientTest {
    private static final InetAddress IPV6_LOOPBACK = v6("::1");

    @TempDir
    Path dir;

    private static InetAddress v6(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] send(InetAddress from, InetSocketAddress to, byte[] request, boolean expectAnswer)
            throws Exception {
        try (DatagramSocket nas = new DatagramSocket(new InetSocketAddress(from, 0))) {
            nas.setSoTimeout(expectAnswer ? 10_000 : 1);
            nas.send(new DatagramPacket(request, request.length, to));
            if (!expectAnswer) {
                return new byte[0];
            }
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            nas.receive(answer);
            return java.util.Arrays.copyOf(buffer, answer.getLength());
        }
    }

    @Test
    void aClientKnownByAnIpv6BlockLogsInOverIpv6() throws Exception {
        ClientConfig client = new ClientConfig("v6-nas", "::1/128", SECRET, Optional.empty(), false);
        try (RunningServer server = RunningServer.start(dir, client, ReplyDictionary.standard(), IPV6_LOOPBACK)) {
            byte[] request = WireRequest.accessRequest(SECRET, new Random(6), USER, PIN + RunningServer.code(0));

            byte[] answer = send(IPV6_LOOPBACK, server.address(), request, true);

            assertThat(server.address().getAddress().getHostAddress()).contains(":");
            assertThat(answer[0]).isEqualTo((byte) WireRequest.ACCESS_ACCEPT);
        }
    }

    @Test
    void aDatagramFromAnAddressNoClientCoversIsDroppedAndCounted() throws Exception {
        ClientConfig elsewhere = new ClientConfig("elsewhere", "192.0.2.0/24", SECRET, Optional.empty(), false);
        try (RunningServer server = RunningServer.start(dir, elsewhere, ReplyDictionary.standard(),
                RunningServer.LOOPBACK)) {
            byte[] request = WireRequest.accessRequest(SECRET, new Random(7), USER, PIN + RunningServer.code(0));

            send(RunningServer.LOOPBACK, server.address(), request, false);

            RunningServer.awaitTrue(() -> server.counter("dropped_unknown_client") == 1, "the datagram to be dropped");
            assertThat(server.counter("accepts")).isZero();
            assertThat(server.counter("requests")).isZero();
        }
    }
}
