package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.SERIAL;
import static org.keyfob.server.radius.RunningServer.USER;
import static org.keyfob.server.radius.StoreSeed.ADMIN;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.StoreConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.TokenStatus;

/**
 * Two keyfobd processes, each in its own JVM with its own config file and metrics port, on one
 * PostgreSQL schema and one master key file, as two servers behind one VPN run. radclient is the
 * NAS; the test JVM plays the admin tool, making the same store calls its commands make
 * ({@code client add}, {@code token state}, {@code user set-pin}). Asserts that a challenge handed
 * out by one server is answered on the other, that a code accepted by one is refused by the other,
 * and that admin changes reach both. Waits poll (the metrics endpoint, the log); nothing sleeps.
 */
class TwoServersOnePostgresTest {
    private static final String PG_URL = Optional.ofNullable(System.getenv("KEYFOB_TEST_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = Optional.ofNullable(System.getenv("KEYFOB_TEST_PG_USER")).orElse("postgres");
    private static final Pattern STATE = Pattern.compile("State = (0x[0-9a-fA-F]+)");

    @TempDir
    Path dir;

    private String schema;
    private String storeUrl;
    private Path keyFile;
    private Store admin;

    @BeforeEach
    void createSchemaAndSeed() throws IOException {
        Radclient.assumeInstalled();
        schema = "kf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            abort("PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
                    + "). Start it (trust auth on 127.0.0.1) or set KEYFOB_TEST_PG_URL/KEYFOB_TEST_PG_USER to run"
                    + " the two-server test.");
        }
        storeUrl = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "user=" + PG_USER + "&currentSchema=" + schema;
        keyFile = dir.resolve("shared").resolve("keyfob.key");
        Files.createDirectories(keyFile.getParent());
        // The admin's store creates the key file and the schema before either server starts.
        admin = StoreOpener.open(new StoreConfig(dir.resolve("admin"), Optional.of(storeUrl), keyFile));
        StoreSeed.userWithHotpToken(admin);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (admin != null) {
            admin.close();
        }
        if (schema != null && storeUrl != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void loginsAndAdminChangesWorkAcrossTwoServersOnOneStore() throws Exception {
        Server a = server("a");
        Server b = server("b");
        try (KeyfobdProcess processA = KeyfobdProcess.start(a.config(), KeyfobdProcess.etc("logback.xml"));
                KeyfobdProcess processB = KeyfobdProcess.start(b.config(), KeyfobdProcess.etc("logback.xml"))) {
            for (Server server : new Server[] {a, b}) {
                assertThat((server == a ? processA : processB).awaitLine("listening on"))
                        .contains("listening on 127.0.0.1:" + server.port())
                        .contains("0 RADIUS clients")
                        .contains("store " + PG_URL)
                        .contains("key file " + keyFile)
                        .contains("metrics http://127.0.0.1:" + server.metricsPort() + "/metrics");
            }

            // keyfob client add: both servers pick the client up from the store (they reload every 5 s).
            admin.clients().add(new RadiusClient("nas", "127.0.0.1", SharedSecret.of(SECRET), Map.of()), ADMIN);
            awaitMetric(a, "keyfob_radius_clients", 1);
            awaitMetric(b, "keyfob_radius_clients", 1);

            // A challenge handed out by A is answered on B.
            String code0 = Radclient.oathtool(SEED_HEX, 0);
            assertThat(answer(b, code0, challenge(a, PIN)).accepted()).isTrue();

            // The code B accepted is refused by A, even through a fresh challenge of B's.
            Radclient.Result replay = answer(a, code0, challenge(b, PIN));
            assertThat(replay.rejected()).describedAs("radclient output:%n%s", replay.output()).isTrue();
            assertThat(metric(a, "keyfob_radius_rejects_total{reason=\"REPLAY\"}")).isEqualTo(1);
            processA.awaitLine("result=REJECT reason=REPLAY serial=" + SERIAL);

            // keyfob token state SERIAL disabled: both refuse the next code.
            admin.tokens().setStatus(SERIAL, TokenStatus.DISABLED, ADMIN);
            String code1 = Radclient.oathtool(SEED_HEX, 1);
            assertThat(answer(b, code1, challenge(a, PIN)).rejected()).isTrue();
            assertThat(answer(a, code1, challenge(b, PIN)).rejected()).isTrue();
            assertThat(metric(a, "keyfob_radius_rejects_total{reason=\"DISABLED\"}")).isEqualTo(1);
            assertThat(metric(b, "keyfob_radius_rejects_total{reason=\"DISABLED\"}")).isEqualTo(1);

            // keyfob token state SERIAL valid, then keyfob user set-pin: the old PIN fails on both.
            admin.tokens().setStatus(SERIAL, TokenStatus.VALID, ADMIN);
            String newPin = "8642";
            admin.users().setPinHash(USER, Optional.of(new PinHasher(1_000).hash(newPin)), ADMIN);
            assertThat(login(a, PIN).rejected()).isTrue();
            assertThat(login(b, PIN).rejected()).isTrue();
            assertThat(metric(a, "keyfob_radius_rejects_total{reason=\"BAD_PIN\"}")).isEqualTo(1);
            assertThat(metric(b, "keyfob_radius_rejects_total{reason=\"BAD_PIN\"}")).isEqualTo(1);
            // ...and the new one works, started on B and finished on A, with the code still unused.
            assertThat(answer(a, code1, challenge(b, newPin)).accepted()).isTrue();

            assertThat(metric(a, "keyfob_radius_accepts_total") + metric(b, "keyfob_radius_accepts_total"))
                    .isEqualTo(2);
            assertThat(metric(a, "keyfob_store_errors_total") + metric(b, "keyfob_store_errors_total")).isZero();
            processA.stop();
            processB.stop();
        }
    }

    /** One keyfobd's ports and config file: its own data-dir, the shared schema and key file, challenge mode. */
    private record Server(String name, int port, int metricsPort, Path config) {
    }

    private Server server(String name) throws IOException {
        int port = KeyfobdProcess.freeUdpPort();
        int metricsPort = KeyfobdProcess.freeTcpPort();
        Path config = Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "radius:",
                "  listen: [127.0.0.1]",
                "  port: " + port,
                "  password-mode: challenge",
                "store:",
                "  data-dir: data-" + name,
                "  url: \"" + storeUrl + "\"",
                "  key-file: " + keyFile,
                "metrics:",
                "  port: " + metricsPort,
                ""));
        return new Server(name, port, metricsPort, config);
    }

    private static Radclient.Result login(Server server, String password, String... extra) throws Exception {
        String[] lines = new String[3 + extra.length];
        lines[0] = "User-Name = \"" + USER + "\"";
        lines[1] = "User-Password = \"" + password + "\"";
        lines[2] = "Message-Authenticator = 0x00";
        System.arraycopy(extra, 0, lines, 3, extra.length);
        return Radclient.send(server.port(), "auth", SECRET, lines);
    }

    /** Sends the PIN alone and returns the State of the Access-Challenge that must come back. */
    private static String challenge(Server server, String pin) throws Exception {
        Radclient.Result result = login(server, pin);
        assertThat(result.output()).describedAs("%s's answer to the PIN", server.name())
                .contains("Received Access-Challenge");
        Matcher state = STATE.matcher(result.output());
        assertThat(state.find()).describedAs("a State in:%n%s", result.output()).isTrue();
        return state.group(1);
    }

    private static Radclient.Result answer(Server server, String code, String state) throws Exception {
        return login(server, code, "State = " + state);
    }

    private static long metric(Server server, String sample) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Double value = RadclientMetricsTest.samples(response.body()).get(sample);
        assertThat(value).describedAs("%s on %s in:%n%s", sample, server.name(), response.body()).isNotNull();
        return value.longValue();
    }

    private static void awaitMetric(Server server, String sample, long expected) {
        RunningServer.awaitTrue(() -> {
            try {
                return metric(server, sample) == expected;
            } catch (Exception e) {
                throw new AssertionError("scraping " + server.name() + ": " + e, e);
            }
        }, sample + " = " + expected + " on " + server.name());
    }
}
