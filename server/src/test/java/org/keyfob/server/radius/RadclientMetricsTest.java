package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.MetricsConfig;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.server.metrics.MetricsEndpoint;
import org.keyfob.server.metrics.RadiusMetrics;

/**
 * The metrics endpoint after real traffic: logins through FreeRADIUS's radclient (a challenge, its
 * answer, a replayed answer, a wrong PIN, an unknown user, a wrong secret), a retransmission, a
 * datagram from an unknown address and a malformed one; then an HTTP scrape whose counters must
 * say exactly that.
 */
class RadclientMetricsTest {
    private static final String WITH_MESSAGE_AUTHENTICATOR = "Message-Authenticator = 0x00";
    private static final Pattern STATE = Pattern.compile("State = (0x[0-9a-fA-F]+)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void scrapeCountsEveryOutcomeOfRealLogins() throws Exception {
        Radclient.assumeInstalled();
        try (RunningServer server = RunningServer.start(dir,
                        RunningServer.client(Optional.of(PasswordMode.CHALLENGE), false));
                MetricsEndpoint metrics = MetricsEndpoint.start(new MetricsConfig(RunningServer.LOOPBACK, 0),
                        new RadiusMetrics(server.counters(), server::clientCount, "test-version"))) {
            Radclient.Result challenge = login(server, USER, PIN);
            assertThat(challenge.output()).describedAs("radclient output").contains("Received Access-Challenge");
            Matcher state = STATE.matcher(challenge.output());
            assertThat(state.find()).describedAs("a State in:%n%s", challenge.output()).isTrue();
            String code = Radclient.oathtool(RunningServer.SEED_HEX, 0);
            assertThat(login(server, USER, code, "State = " + state.group(1)).accepted()).isTrue();
            assertThat(login(server, USER, code, "State = " + state.group(1)).rejected()).isTrue();
            assertThat(login(server, USER, "0000").rejected()).isTrue();
            assertThat(login(server, "mallory", PIN).rejected()).isTrue();
            assertThat(Radclient.send(server.port(), "auth", "not-the-shared-secret-at-all",
                    "User-Name = \"" + USER + "\"", "User-Password = \"" + PIN + "\"", WITH_MESSAGE_AUTHENTICATOR)
                    .unanswered()).isTrue();
            sendTwiceExpectingTwoAnswers(server);
            try (DatagramSocket stranger = new DatagramSocket(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
                byte[] request = WireRequest.accessRequest(SECRET, new Random(3), USER, PIN);
                stranger.send(new DatagramPacket(request, request.length, server.address()));
            }
            try (DatagramSocket nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0))) {
                byte[] garbage = {1, 2, 0, 7, 0, 0, 0};
                nas.send(new DatagramPacket(garbage, garbage.length, server.address()));
            }
            // Drops are counted on the event loop or a worker; wait for them, with no fixed sleep.
            RunningServer.awaitTrue(() -> server.counter("dropped_unknown_client") == 1
                    && server.counter("dropped_malformed") == 1
                    && server.counter("dropped_bad_authenticator") == 1, "the three drops to be counted");
            // The latency of an answer is recorded just after it is handed to the socket.
            RunningServer.awaitTrue(() -> Arrays.stream(server.counters().latency().counts()).sum() == 6,
                    "the last answer's latency to be recorded");

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(metrics.url())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            Map<String, Double> samples = samples(response.body());
            assertThat(samples).describedAs(response.body())
                    // challenge, its answer, the replayed answer, wrong PIN, unknown user, wrong secret,
                    // the first of the retransmitted pair (the second is a duplicate, not a request)
                    .containsEntry("keyfob_radius_requests_total", 8.0)
                    .containsEntry("keyfob_radius_challenges_total", 1.0)
                    .containsEntry("keyfob_radius_accepts_total", 1.0)
                    .containsEntry("keyfob_radius_rejects_total{reason=\"CHALLENGE_EXPIRED\"}", 1.0)
                    .containsEntry("keyfob_radius_rejects_total{reason=\"BAD_PIN\"}", 2.0)
                    .containsEntry("keyfob_radius_rejects_total{reason=\"UNKNOWN_USER\"}", 1.0)
                    .containsEntry("keyfob_radius_rejects_total{reason=\"REPLAY\"}", 0.0)
                    .containsEntry("keyfob_radius_duplicates_total", 1.0)
                    .containsEntry("keyfob_radius_dropped_total{cause=\"unknown_client\"}", 1.0)
                    .containsEntry("keyfob_radius_dropped_total{cause=\"malformed\"}", 1.0)
                    .containsEntry("keyfob_radius_dropped_total{cause=\"bad_authenticator\"}", 1.0)
                    .containsEntry("keyfob_radius_dropped_total{cause=\"overload\"}", 0.0)
                    .containsEntry("keyfob_store_errors_total", 0.0)
                    .containsEntry("keyfob_radius_errors_total", 0.0)
                    // every request answered after verification, once: 1 challenge, 1 accept, 4 rejects
                    .containsEntry("keyfob_radius_response_seconds_count", 6.0)
                    .containsEntry("keyfob_radius_response_seconds_bucket{le=\"+Inf\"}", 6.0)
                    .containsEntry("keyfob_radius_clients", 1.0)
                    .containsEntry("keyfob_radius_in_flight", 0.0) // all answered
                    .containsEntry("keyfob_build_info{version=\"test-version\"}", 1.0)
                    .containsKey("jvm_memory_used_bytes{area=\"heap\"}")
                    .containsKey("jvm_threads_current");
            assertThat(samples.get("keyfob_radius_response_seconds_sum")).isPositive();
        }
    }

    private static Radclient.Result login(RunningServer server, String user, String password, String... extra)
            throws Exception {
        String[] lines = new String[3 + extra.length];
        lines[0] = "User-Name = \"" + user + "\"";
        lines[1] = "User-Password = \"" + password + "\"";
        lines[2] = WITH_MESSAGE_AUTHENTICATOR;
        System.arraycopy(extra, 0, lines, 3, extra.length);
        return Radclient.send(server.port(), "auth", SECRET, lines);
    }

    /** One wrong-PIN request sent twice, as a NAS retransmits: two answers, one verification. */
    private static void sendTwiceExpectingTwoAnswers(RunningServer server) throws Exception {
        byte[] request = WireRequest.accessRequest(SECRET, new Random(5), USER, "1111");
        try (DatagramSocket nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0))) {
            nas.setSoTimeout(10_000);
            for (int i = 0; i < 2; i++) {
                nas.send(new DatagramPacket(request, request.length, server.address()));
                byte[] buffer = new byte[4096];
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                nas.receive(answer);
                assertThat(Arrays.copyOf(buffer, answer.getLength())[0]).isEqualTo((byte) WireRequest.ACCESS_REJECT);
            }
        }
    }

    /** The Prometheus text format's sample lines, as name-with-labels to value; comments skipped. */
    static Map<String, Double> samples(String body) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2).replace("+Inf", "Infinity")));
            }
        }
        return samples;
    }
}
