package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.TerminalQr;
import org.keyfob.oath.codec.Base32;

/**
 * keyfob token enroll: the URI an authenticator app reads yields codes (computed by oathtool, an
 * independent implementation) that keyfob accepts, and the drawn QR code is the URI's.
 */
class EnrollCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path config;
    private KeyfobRun run;

    @BeforeEach
    void storeWithUsers() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        keyfob("user", "add", "bob");
        keyfob("user", "add", "carol@example.org");
    }

    private int keyfob(String... args) {
        run = KeyfobRun.of(config, CLOCK, args);
        return run.code();
    }

    private String uri() {
        return run.out().lines().filter(l -> l.startsWith("otpauth://")).findFirst().orElseThrow();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String oathtool(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).describedAs(output).isZero();
        return output;
    }

    @Test
    void totpUriGivesCodesThatOathtoolComputesAndKeyfobAccepts() throws Exception {
        assertThat(keyfob("token", "enroll", "bob", "--type", "totp", "--issuer", "Example VPN", "--serial", "APP-BOB"))
                .isZero();
        URI uri = URI.create(uri());
        Map<String, String> q = query(uri);
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/Example VPN:bob");
        assertThat(q).containsEntry("issuer", "Example VPN").containsEntry("algorithm", "SHA1")
                .containsEntry("digits", "6").containsEntry("period", "30");
        assertThat(Base32.decode(q.get("secret"))).describedAs("160 random bits").hasSize(20);
        assertThat(run.err()).describedAs("the seed goes to standard output only").doesNotContain(q.get("secret"));

        String code = oathtool("oathtool", "--totp", "-b", "--now", "2026-11-22 10:00:00 UTC", q.get("secret"));
        assertThat(keyfob("check", "bob", "--password-mode", "otp", "--password-file",
                Files.writeString(dir.resolve("pw"), code).toString())).isZero();
        assertThat(run.out()).contains("ACCEPT user=bob serial=APP-BOB");

        keyfob("token", "list", "--user", "bob", "--output", "csv");
        assertThat(run.out()).contains("APP-BOB,TOTP-SHA1-6,VALID,bob,2026-11-22T10:00:00Z");
        keyfob("audit", "--output", "csv");
        assertThat(run.out()).contains("E_TOKEN_ADDED,admin:alice-admin").contains("E_TOKEN_ASSIGNED,admin:alice-admin")
                .doesNotContain(q.get("secret"));
    }

    @Test
    void hotpEightDigitsWithAnEscapedLabel() throws Exception {
        assertThat(keyfob("token", "enroll", "carol@example.org", "--type", "hotp", "--digits", "8", "--no-qr")).isZero();
        assertThat(run.out()).contains("enrolled SW-").contains("(HOTP-SHA1-8) for carol@example.org")
                .doesNotContain("█");
        String text = uri();
        assertThat(text).startsWith("otpauth://hotp/Keyfob:carol%40example.org?secret=").endsWith("&counter=0");
        Map<String, String> q = query(URI.create(text));
        assertThat(q).containsEntry("algorithm", "SHA1").containsEntry("digits", "8");
        assertThat(Base32.decode(q.get("secret"))).hasSize(20);
        String serial = run.out().lines().findFirst().orElseThrow().split(" ")[1];

        String code = oathtool("oathtool", "--hotp", "-d", "8", "-b", "-c", "0", q.get("secret"));
        assertThat(keyfob("token", "verify", serial, code)).isZero();
        assertThat(run.out()).contains("ACCEPT serial=" + serial);
    }

    @Test
    void totpSha512WithASixtySecondStep() throws Exception {
        assertThat(keyfob("token", "enroll", "bob", "--type", "totp", "--algorithm", "sha512", "--digits", "7",
                "--period", "60", "--serial", "APP-512", "--no-qr")).isZero();
        Map<String, String> q = query(URI.create(uri()));
        assertThat(q).containsEntry("algorithm", "SHA512").containsEntry("digits", "7").containsEntry("period", "60");
        assertThat(Base32.decode(q.get("secret"))).describedAs("as long as SHA-512's output").hasSize(64);

        String code = oathtool("oathtool", "--totp=SHA512", "-s", "60s", "-d", "7", "-b", "--now",
                "2026-11-22 10:00:00 UTC", q.get("secret"));
        assertThat(keyfob("token", "verify", "APP-512", code)).isZero();
        assertThat(keyfob("token", "verify", "APP-512", code)).isEqualTo(1);
        assertThat(run.out()).contains("reason=REPLAY");
    }

    @Test
    void theQrCodeDrawnIsTheUrisCode() {
        assertThat(keyfob("token", "enroll", "bob", "--type", "totp")).isZero();
        String uri = uri();
        List<String> drawing = run.out().lines().dropWhile(l -> !l.startsWith("otpauth://")).skip(1).toList();
        QrCode expected = QrCode.encodeText(uri, QrCode.Ecc.MEDIUM);
        int size = expected.size + 2 * TerminalQr.QUIET;
        assertThat(drawing).hasSize((size + 1) / 2);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                char cell = drawing.get(y / 2).charAt(x);
                boolean ink = y % 2 == 0 ? cell == '█' || cell == '▀' : cell == '█' || cell == '▄';
                assertThat(ink).describedAs("module %d,%d is drawn as ink exactly when it is light", x, y)
                        .isEqualTo(!expected.getModule(x - TerminalQr.QUIET, y - TerminalQr.QUIET));
            }
        }
    }

    @Test
    void refusesUnknownUsersUsersWithATokenAndBadParametersWritingNothing() {
        assertThat(keyfob("token", "enroll", "nobody", "--type", "totp")).isEqualTo(1);
        assertThat(run.err()).contains("no user nobody; add it with 'keyfob user add nobody'");
        assertThat(keyfob("token", "enroll", "bob", "--type", "totp", "--digits", "9")).isEqualTo(1);
        assertThat(run.err()).contains("digits must be 6, 7 or 8, was 9");
        assertThat(keyfob("token", "enroll", "bob", "--type", "sms")).isEqualTo(2);
        assertThat(keyfob("token", "enroll", "bob")).isEqualTo(2);
        assertThat(run.err()).contains("--type");
        keyfob("token", "list", "--output", "csv");
        assertThat(run.out().strip()).isEqualTo("serial,kind,status,users,last_used");

        assertThat(keyfob("token", "enroll", "bob", "--type", "totp", "--no-qr")).isZero();
        assertThat(keyfob("token", "enroll", "bob", "--type", "totp")).isEqualTo(1);
        assertThat(run.err()).contains("bob already holds a token; unassign it first");
        assertThat(run.out()).doesNotContain("otpauth://");
    }

    @Test
    void helpSaysTheSeedIsShownOnlyHere() {
        assertThat(keyfob("token", "enroll", "--help")).isZero();
        assertThat(Arrays.stream(run.out().split("\\s+")).toList()).contains("never", "log");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("This is the only time keyfob shows a seed");
    }
}
