package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** user delete, client delete and key rotate through the real entry point on a real H2 store. */
class DeleteAndRotateCommandsTest {
    private static final String SEED_HEX = "3132333435363738393031323334353637383930";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path config;
    private KeyfobRun run;

    @BeforeEach
    void storeWithBobHoldingFob1() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        Path csv = Files.writeString(dir.resolve("t.csv"), "serial,secret,counter\nFOB-1," + SEED_HEX + ",0\n");
        keyfob("token", "import", csv.toString(), "--allow-short-seeds");
        keyfob("user", "add", "bob", "--pin-file", Files.writeString(dir.resolve("pin"), "4711").toString());
        assertThat(keyfob("token", "assign", "FOB-1", "bob")).isZero();
        Path secret = Files.writeString(dir.resolve("secret"), "a-long-random-shared-secret\n");
        assertThat(keyfob("client", "add", "vpn1", "--address", "192.0.2.0/24", "--secret-file", secret.toString()))
                .isZero();
    }

    private int keyfob(String... args) {
        run = KeyfobRun.of(config, CLOCK, args);
        return run.code();
    }

    private int keyfobWithInput(String stdin, String... args) {
        run = KeyfobRun.withInput(stdin, config, CLOCK, args);
        return run.code();
    }

    private static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, Seed.of(HexFormat.of().parseHex(SEED_HEX)), counter, 6);
    }

    @Test
    void userDeleteAsksUnassignsTheTokensAndKeepsThem() {
        assertThat(keyfobWithInput("bobby\n", "user", "delete", "bob")).isEqualTo(1);
        assertThat(run.out()).contains("Deleting user bob cannot be undone (holds FOB-1). Type bob to confirm:");
        assertThat(run.err()).contains("confirmation did not match; user bob was not deleted");
        assertThat(keyfob("user", "show", "bob")).isZero();

        assertThat(keyfobWithInput("bob\n", "user", "delete", "bob")).isZero();
        assertThat(run.out()).contains("deleted user bob; unassigned FOB-1 (still in the store)");
        assertThat(keyfob("user", "show", "bob")).isEqualTo(1);
        keyfob("token", "list", "--unassigned", "--output", "csv");
        assertThat(run.out()).contains("FOB-1,HOTP-SHA1-6,VALID,,");
        keyfob("audit", "--user", "bob", "--output", "csv");
        assertThat(run.out()).contains("E_TOKEN_UNASSIGNED,admin:alice-admin,bob,FOB-1")
                .contains("E_USER_DELETED,admin:alice-admin,bob");

        assertThat(keyfob("user", "delete", "bob", "--yes")).isEqualTo(1);
        assertThat(run.err()).contains("no user bob; 'keyfob user list' shows them");
    }

    @Test
    void clientDeleteByNameOrAddress() throws Exception {
        Path secret = Files.writeString(dir.resolve("s2"), "another-long-random-secret\n");
        keyfob("client", "add", "vpn2", "--address", "198.51.100.7", "--secret-file", secret.toString());

        assertThat(keyfobWithInput("vpn\n", "client", "delete", "vpn1")).isEqualTo(1);
        assertThat(run.err()).contains("confirmation did not match; client vpn1 was not deleted");
        assertThat(keyfob("client", "delete", "198.51.100.7", "--yes")).isZero();
        assertThat(run.out()).contains("deleted client vpn2 (198.51.100.7)");
        assertThat(keyfobWithInput("vpn1\n", "client", "delete", "vpn1")).isZero();
        keyfob("client", "list", "--output", "csv");
        assertThat(run.out().strip()).isEqualTo("name,address,password_mode,legacy");
        assertThat(keyfob("client", "delete", "vpn1", "--yes")).isEqualTo(1);
        assertThat(run.err()).contains("no client named or at vpn1");
        keyfob("audit", "--event", "E_CLIENT_DELETED", "--output", "csv");
        assertThat(run.out().lines().filter(l -> l.contains("admin:alice-admin"))).hasSize(2);
    }

    @Test
    void keyRotateMakesANewKeyActiveAndCodesStillVerify() throws Exception {
        Path keyFile = dir.resolve("data").resolve("keyfob.key");
        List<String> before = keys(keyFile);
        assertThat(before).hasSize(1);

        assertThat(keyfob("key", "rotate")).isZero();
        List<String> after = keys(keyFile);
        assertThat(after).hasSize(2).startsWith(before.get(0));
        String newId = after.get(1).split(" ")[0];
        assertThat(run.out()).contains("new master key " + newId + " is active in " + keyFile)
                .contains("re-encrypted 2 secrets").contains("keyfobd reads the new key on its next login");

        assertThat(keyfob("check", "bob", "--password-file",
                Files.writeString(dir.resolve("pw"), "4711" + code(0)).toString())).isZero();
        keyfob("audit", "--event", "E_KEY_ROTATED", "--output", "csv");
        assertThat(run.out()).contains("admin:alice-admin,,,key=" + newId + " reencrypted=2");

        // Without the old key the store opens only if nothing needs it any more.
        Files.write(keyFile, List.of(after.get(1)));
        assertThat(keyfob("token", "verify", "FOB-1", code(1))).isZero();
        assertThat(keyfob("client", "list")).isZero();
    }

    @Test
    void keyRotateRefusesAKeyFileOthersCanReadAndAppendsNothing() throws Exception {
        Path keyFile = dir.resolve("data").resolve("keyfob.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(keyfob("key", "rotate")).isEqualTo(1);
        assertThat(run.err()).contains("is open to group or others").contains("chmod 600");
        assertThat(keys(keyFile)).hasSize(1);
    }

    private static List<String> keys(Path keyFile) throws Exception {
        return Files.readAllLines(keyFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}
