package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.keyfob.config.RadiusConfig;

class RadiusListenerTest {
    private final DroppingHandler handler = new DroppingHandler();


    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void countsADatagramSentToTheBoundPort() throws Exception {
        try (RadiusListener listener = RadiusListener.bind(new RadiusConfig(List.of(LOOPBACK), 0), handler);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress bound = listener.boundAddresses().get(0);
            assertThat(bound.getPort()).isPositive();

            byte[] request = {1, 42, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            nas.send(new DatagramPacket(request, request.length, bound));

            awaitTrue(() -> handler.dropped() == 1, "the datagram to be counted");
        }
    }

    @Test
    void closeReleasesThePortAndIsIdempotent() throws Exception {
        RadiusListener listener = RadiusListener.bind(new RadiusConfig(List.of(LOOPBACK), 0), handler);
        InetSocketAddress bound = listener.boundAddresses().get(0);

        listener.close();
        listener.close();

        try (DatagramSocket rebound = new DatagramSocket(bound)) {
            assertThat(rebound.getLocalPort()).isEqualTo(bound.getPort());
        }
    }

    @Test
    void portInUseIsRefusedNamingTheAddress() throws Exception {
        try (DatagramSocket occupier = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            RadiusConfig config = new RadiusConfig(List.of(LOOPBACK), occupier.getLocalPort());

            assertThatThrownBy(() -> RadiusListener.bind(config, handler))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on UDP 127.0.0.1:" + occupier.getLocalPort() + ": ")
                    .hasMessageContaining("radius.port");
        }
    }

    @Test
    void formatsIpv6WithBrackets() throws Exception {
        assertThat(RadiusListener.format(new InetSocketAddress(InetAddress.getByName("::1"), 1812)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:1812");
        assertThat(RadiusListener.format(new InetSocketAddress(LOOPBACK, 1812))).isEqualTo("127.0.0.1:1812");
    }

    /** Polls {@code condition} until it holds, failing after a generous bound; no fixed sleep. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).describedAs("waited 10 s for " + what).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
