package org.keyfob.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.ConfigLoader;
import org.keyfob.config.MetricsConfig;
import org.keyfob.server.radius.RadiusCounters;

/** The endpoint itself: where it listens when the file names only a port, and what it says when it cannot. */
class MetricsEndpointTest {

    @TempDir
    Path dir;

    @Test
    void aMetricsSectionWithOnlyAPortListensOnLoopbackOnly() throws Exception {
        int port = freeTcpPort();
        Path file = Files.writeString(dir.resolve("keyfob.yaml"), "metrics:\n  port: " + port + "\n");
        MetricsConfig config = new ConfigLoader().load(file).metrics().orElseThrow();

        try (MetricsEndpoint endpoint = MetricsEndpoint.start(config, collector())) {
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("keyfob_radius_requests_total 0.0");

            List<InetAddress> others = nonLoopbackAddresses();
            for (InetAddress other : others) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(other, port), 10_000);
                    }
                }).describedAs("connecting to %s:%d", other, port).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aPortInUseIsRefusedNamingTheAddressAndTheKey() throws Exception {
        try (ServerSocket occupier = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MetricsConfig config = new MetricsConfig(InetAddress.getLoopbackAddress(), occupier.getLocalPort());

            assertThatThrownBy(() -> MetricsEndpoint.start(config, collector()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + occupier.getLocalPort())
                    .hasMessageContaining("metrics.port");
        }
    }

    private static RadiusMetrics collector() {
        return new RadiusMetrics(new RadiusCounters(), () -> 0, "test");
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** This machine's addresses other than loopback (IPv4 only: link-local IPv6 needs a scope). */
    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && a.getAddress().length == 4)
                .toList();
    }
}
