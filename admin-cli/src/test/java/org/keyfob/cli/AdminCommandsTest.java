package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** The real {@code keyfob} entry point against a real H2 store: output, exit code and store effect. */
class AdminCommandsTest {
    private static final String SEED_HEX = "3132333435363738393031323334353637383930";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
    }

    private int keyfob(String... args) {
        KeyfobRun run = KeyfobRun.of(config, CLOCK, args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String code(long counter) {
        return Hotp.generate(HashAlgorithm.SHA1, Seed.of(java.util.HexFormat.of().parseHex(SEED_HEX)), counter, 6);
    }

    @Test
    void importAssignSetPinAndCheckALogin() throws Exception {
        Path csv = file("tokens.csv", "serial,secret,counter\nFOB-1," + SEED_HEX + ",0\nFOB-2," + SEED_HEX + "aa,0\n");
        Path pin = file("pin.txt", "4711\n");

        assertThat(keyfob("token", "import", csv.toString(), "--allow-short-seeds")).isZero();
        assertThat(out).contains("imported 2 tokens (HOTP 2) from tokens.csv");
        assertThat(keyfob("user", "add", "bob", "--pin-file", pin.toString())).isZero();
        assertThat(keyfob("token", "assign", "FOB-1", "bob")).isZero();
        assertThat(out).contains("assigned FOB-1 to bob");

        assertThat(keyfob("token", "list", "--output", "json")).isZero();
        assertThat(out).contains("{\"serial\": \"FOB-1\", \"kind\": \"HOTP-SHA1-6\", \"status\": \"VALID\", \"users\": \"bob\"")
                .doesNotContain(SEED_HEX);

        assertThat(keyfob("check", "bob", "--password-file", file("pw", "4711" + code(0)).toString())).isZero();
        assertThat(out).contains("ACCEPT user=bob serial=FOB-1");
        assertThat(keyfob("check", "bob", "--password-file", file("pw2", "4711" + code(0)).toString())).isEqualTo(1);
        assertThat(out).contains("REJECT user=bob reason=REPLAY serial=FOB-1");
    }

    @Test
    void aFileWithAnyBadLineImportsNothing() throws Exception {
        Path csv = file("bad.csv", "GOOD-1," + SEED_HEX + "00000000,0\nBAD-1,nothex!!,0\n");

        assertThat(keyfob("token", "import", csv.toString())).isEqualTo(1);
        assertThat(err).contains("bad.csv:2").contains("nothing was imported");
        assertThat(keyfob("token", "list", "--output", "csv")).isZero();
        assertThat(out.strip()).isEqualTo("serial,kind,status,users,last_used");
    }

    @Test
    void aSerialAlreadyInTheStoreImportsNothing() throws Exception {
        String seed = SEED_HEX + "00000000";
        keyfob("token", "import", file("a.csv", "DUP-1," + seed + ",0\n").toString());

        assertThat(keyfob("token", "import", file("b.csv", "NEW-1," + seed + ",0\nDUP-1," + seed + ",0\n").toString()))
                .isEqualTo(1);
        assertThat(err).contains("b.csv:2: serial DUP-1 is in the store already");
        keyfob("token", "list", "--output", "csv");
        assertThat(out).doesNotContain("NEW-1");
    }

    @Test
    void assigningRefusesUnknownTokensUsersAndTokensAtTheirLimit() throws Exception {
        String seed = SEED_HEX + "00000000";
        keyfob("token", "import", file("a.csv", "T-1," + seed + ",0\nT-2," + seed + ",0\n").toString());
        keyfob("user", "add", "bob");
        keyfob("user", "add", "carol");

        assertThat(keyfob("token", "assign", "NOPE", "bob")).isEqualTo(1);
        assertThat(err).contains("no token NOPE");
        assertThat(keyfob("token", "assign", "T-1", "nobody")).isEqualTo(1);
        assertThat(err).contains("no user nobody; add it with 'keyfob user add nobody'");
        assertThat(keyfob("token", "assign", "NOPE", "nobody", "--create-user")).isEqualTo(1);
        assertThat(out).doesNotContain("added user nobody");
        keyfob("token", "assign", "T-1", "bob");
        assertThat(keyfob("token", "assign", "T-1", "carol")).isEqualTo(1);
        assertThat(err).contains("T-1 is already assigned to bob; unassign it first");
        assertThat(keyfob("token", "assign", "T-2", "bob")).isEqualTo(1);
        assertThat(err).contains("bob already holds a token");
    }

    @Test
    void assigningWithCreateUserAddsADirectoryUserWithNoLocalPin() throws Exception {
        keyfob("token", "import", file("d.csv", "D-1," + SEED_HEX + "00000000,0\n").toString());

        assertThat(keyfob("token", "assign", "D-1", "dora", "--create-user")).isZero();

        assertThat(out).contains("added user dora with no local PIN", "assigned D-1 to dora");
        assertThat(keyfob("user", "show", "dora")).isZero();
        assertThat(out).contains("D-1");
    }

    @Test
    void clientSecretsComeFromAFileAndAreNeverListed() throws Exception {
        Path secret = file("secret", "a-long-random-shared-secret\n");

        assertThat(keyfob("client", "add", "vpn1", "--address", "192.0.2.0/24", "--secret-file", secret.toString()))
                .isZero();
        assertThat(keyfob("client", "list")).isZero();
        assertThat(out).contains("vpn1").contains("192.0.2.0/24").doesNotContain("a-long-random-shared-secret");
        assertThat(keyfob("client", "add", "short", "--address", "192.0.2.9", "--secret-file",
                file("s2", "tooshort").toString())).isEqualTo(1);
        assertThat(err).contains("use at least 16 random characters");
    }

    @Test
    void userListShowsPinAndLockStateButNoHash() throws Exception {
        keyfob("user", "add", "bob", "--pin-file", file("pin", "4711").toString());
        keyfob("user", "add", "carol");

        assertThat(keyfob("user", "list")).isZero();
        assertThat(out).contains("bob").contains("carol").doesNotContain("pbkdf2");
        assertThat(keyfob("user", "add", "bob")).isEqualTo(1);
        assertThat(err).contains("user bob exists already");
    }

    @Test
    void revokingATokenStopsItsCodesAndTheAuditNamesTheAdmin() throws Exception {
        keyfob("token", "import", file("a.csv", "FOB-1," + SEED_HEX + ",0\n").toString());
        keyfob("user", "add", "bob");
        keyfob("token", "assign", "FOB-1", "bob");

        assertThat(keyfob("token", "state", "FOB-1", "LOST")).isEqualTo(1);
        assertThat(err).contains("status LOST is not one of [VALID, DISABLED, REVOKED_LOST, REVOKED_BROKEN, REVOKED_OTHER]");
        assertThat(keyfob("token", "state", "FOB-1", "revoked_lost")).isZero();
        assertThat(keyfob("check", "bob", "--password-mode", "otp", "--password-file", file("pw", code(0)).toString()))
                .isEqualTo(1);
        assertThat(out).contains("reason=REVOKED");

        assertThat(keyfob("audit", "--serial", "FOB-1", "--event", "E_TOKEN_STATE_CHANGED", "--output", "csv")).isZero();
        assertThat(out).contains("E_TOKEN_STATE_CHANGED,admin:alice-admin,,FOB-1,status=REVOKED_LOST");
        assertThat(keyfob("audit", "--since", "yesterday")).isEqualTo(1);
        assertThat(err).contains("is not an ISO 8601 instant");
    }

    @Test
    void showUnassignAndUnlock() throws Exception {
        keyfob("token", "import", file("a.csv", "FOB-1," + SEED_HEX + ",5\n").toString());
        keyfob("user", "add", "bob", "--pin-file", file("pin", "4711").toString());
        keyfob("token", "assign", "FOB-1", "bob");

        assertThat(keyfob("token", "show", "FOB-1")).isZero();
        assertThat(out).contains("counter       5").contains("users         bob").doesNotContain(SEED_HEX);
        assertThat(keyfob("token", "show", "NOPE")).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            keyfob("check", "bob", "--password-file", file("bad", "0000" + code(5)).toString());
        }
        keyfob("check", "bob", "--password-file", file("good", "4711" + code(5)).toString());
        assertThat(out).contains("reason=USER_LOCKED");
        assertThat(keyfob("user", "unlock", "bob")).isZero();
        assertThat(keyfob("check", "bob", "--password-file", file("good", "4711" + code(5)).toString())).isZero();

        assertThat(keyfob("token", "unassign", "FOB-1")).isZero();
        assertThat(out).contains("unassigned FOB-1 from bob");
        assertThat(keyfob("token", "unassign", "FOB-1")).isEqualTo(1);
    }

    @Test
    void deleteAsksForTheSerialUnlessYes() throws Exception {
        keyfob("token", "import", file("a.csv", "FOB-1," + SEED_HEX + ",0\nFOB-2," + SEED_HEX + ",0\n").toString());
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("FOB-X\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(keyfob("token", "delete", "FOB-1")).isEqualTo(1);
            assertThat(err).contains("confirmation did not match; token FOB-1 was not deleted");
            System.setIn(new java.io.ByteArrayInputStream("FOB-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(keyfob("token", "delete", "FOB-1")).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(keyfob("token", "delete", "FOB-2", "--yes")).isZero();
        keyfob("token", "list", "--output", "csv");
        assertThat(out.strip()).isEqualTo("serial,kind,status,users,last_used");
    }
}
