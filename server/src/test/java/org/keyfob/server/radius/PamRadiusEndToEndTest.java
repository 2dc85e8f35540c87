package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.StoreConfig;
import org.keyfob.config.StoreOpener;
import org.keyfob.oath.store.Store;

/**
 * A Linux host login through PAM: {@code pamtester} runs the service {@value #SERVICE}, whose only
 * auth module is Debian's {@code pam_radius_auth}, against keyfobd in its own JVM. The PAM file
 * must live in /etc/pam.d (pamtester has no other way to name it), so the test writes it there and
 * removes it afterwards; pam_radius_auth's server list is in the temp directory ({@code conf=}).
 * pam_radius_auth 2.0 (Debian 12) sends no Message-Authenticator, so its client is marked legacy.
 */
class PamRadiusEndToEndTest {
    private static final String SERVICE = "keyfob-test";
    private static final Path PAM_FILE = Path.of("/etc/pam.d", SERVICE);
    private static final Path MODULE = Path.of("/lib/x86_64-linux-gnu/security/pam_radius_auth.so");

    @TempDir
    Path dir;

    private KeyfobdProcess keyfobd;

    @BeforeEach
    void start() throws Exception {
        Radclient.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pamtester")) && Files.exists(MODULE),
                "pamtester or pam_radius_auth is not installed; install the Debian packages pamtester and"
                        + " libpam-radius-auth");
        assumeTrue(Files.isWritable(PAM_FILE.getParent()), "/etc/pam.d is not writable; run as root (CI does)");
        int port = KeyfobdProcess.freeUdpPort();
        Path config = Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n",
                "radius:",
                "  listen: [127.0.0.1]",
                "  port: " + port,
                "  clients:",
                "    - {name: linux-host, address: 127.0.0.1, secret: " + SECRET + ", legacy: true}",
                "store:",
                "  data-dir: data",
                ""));
        try (Store store = StoreOpener.open(new StoreConfig(dir.resolve("data"), Optional.empty()))) {
            StoreSeed.userWithHotpToken(store);
        }
        // server[:port] shared-secret timeout-seconds, as pam_radius_auth.conf(5) describes.
        Path radiusConf = Files.writeString(dir.resolve("pam_radius_auth.conf"),
                "127.0.0.1:" + port + " " + SECRET + " 5\n");
        Files.writeString(PAM_FILE, "auth required pam_radius_auth.so conf=" + radiusConf + "\n"
                + "account required pam_permit.so\n");
        keyfobd = KeyfobdProcess.start(config, KeyfobdProcess.etc("logback.xml"));
        keyfobd.awaitLine("listening on");
    }

    @AfterEach
    void stop() throws Exception {
        Files.deleteIfExists(PAM_FILE);
        if (keyfobd != null) {
            keyfobd.close();
        }
    }

    /** pamtester authenticate, typing {@code password} at the prompt (it reads stdin when it is no terminal). */
    private static Result pamtester(String user, String password) throws Exception {
        Process p = new ProcessBuilder("pamtester", "-v", SERVICE, user, "authenticate").redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).describedAs("pamtester finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    @Test
    void pinAndCodeLogInThroughPamRadiusAuth() throws Exception {
        Result result = pamtester(USER, PIN + Radclient.oathtool(SEED_HEX, 0));

        assertThat(result.exitCode()).describedAs("pamtester output:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("successfully authenticated");
        assertThat(keyfobd.awaitLine("user=" + USER + " nas=linux-host")).contains("result=ACCEPT");
    }

    @Test
    void wrongCodeIsRefusedThroughPamRadiusAuth() throws Exception {
        Result result = pamtester(USER, PIN + Radclient.oathtool(SEED_HEX, 500));

        assertThat(result.exitCode()).describedAs("pamtester output:%n%s", result.output()).isNotZero();
        assertThat(result.output()).doesNotContain("successfully authenticated");
        assertThat(keyfobd.awaitLine("user=" + USER + " nas=linux-host")).contains("result=REJECT", "reason=NO_MATCH");
    }
}
