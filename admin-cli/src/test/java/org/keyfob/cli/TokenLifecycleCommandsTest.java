package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/** token verify, resync, set-counter and list filters, through the real entry point on a real H2 store. */
class TokenLifecycleCommandsTest {
    private static final String SEED_HEX = "3132333435363738393031323334353637383930";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path config;
    private KeyfobRun run;

    @BeforeEach
    void storeWithTwoHotpTokens() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        Path csv = Files.writeString(dir.resolve("t.csv"), "serial,secret,counter\nFOB-1," + SEED_HEX
                + ",0\nFOB-2," + SEED_HEX + ",0\n");
        assertThat(keyfob("token", "import", csv.toString(), "--allow-short-seeds")).isZero();
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

    private String show(String serial, String field) {
        keyfob("token", "show", serial, "--output", "csv");
        return run.out().lines().filter(l -> l.startsWith(field + ",")).findFirst().orElseThrow().substring(field.length() + 1);
    }

    @Test
    void verifyAcceptsAGoodCodeOnceAndAuditsTheAdmin() {
        assertThat(keyfob("token", "verify", "FOB-1", code(0))).isZero();
        assertThat(run.out()).contains("ACCEPT serial=FOB-1 factor=0 offset=0 next_counter=1");
        assertThat(show("FOB-1", "counter")).isEqualTo("1");

        assertThat(keyfob("token", "verify", "FOB-1", code(0))).isEqualTo(1);
        assertThat(run.out()).contains("REJECT serial=FOB-1 reason=REPLAY");
        assertThat(keyfob("token", "verify", "FOB-1", "12345")).isEqualTo(1);
        assertThat(run.out()).contains("reason=MALFORMED");
        assertThat(show("FOB-1", "failures")).describedAs("the replay and the malformed code").isEqualTo("2");

        keyfob("audit", "--serial", "FOB-1", "--event", "E_OTP_VERIFIED", "--output", "csv");
        assertThat(run.out()).contains("E_OTP_VERIFIED,admin:alice-admin,,FOB-1,keyfob token verify result=ACCEPT factor=0")
                .contains("result=REJECT reason=REPLAY").doesNotContain(code(0));
    }

    @Test
    void verifyRefusesUnknownSerialAndNeedsBothArguments() {
        assertThat(keyfob("token", "verify", "NOPE", "123456")).isEqualTo(1);
        assertThat(run.err()).contains("keyfob: no token NOPE; 'keyfob token list' shows them");
        assertThat(keyfob("token", "verify", "FOB-1")).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'CODE'");
    }

    @Test
    @DisplayName("token verify --resync: a code beyond the look-ahead window and the next one resynchronise")
    void verifyWithResyncTakesTheNextCodeFromStandardInput() {
        assertThat(keyfob("token", "verify", "FOB-1", code(50))).isEqualTo(1);
        assertThat(run.out()).contains("REJECT serial=FOB-1 reason=NO_MATCH");

        assertThat(keyfobWithInput(code(61) + "\n", "token", "verify", "FOB-1", code(60), "--resync")).isZero();
        assertThat(run.out()).contains("NEXT_CODE serial=FOB-1").contains("ACCEPT serial=FOB-1 factor=61");
        assertThat(show("FOB-1", "counter")).isEqualTo("62");
    }

    @Test
    @DisplayName("RFC 4226 §7.4: resync with consecutive codes far ahead")
    void resyncFindsConsecutiveCodesFarAheadAndUsesThemUp() {
        assertThat(keyfob("token", "resync", "FOB-1", code(500), code(501), code(502))).isZero();
        assertThat(run.out()).contains("resynchronised ACCEPT serial=FOB-1 factor=502");
        assertThat(show("FOB-1", "counter")).isEqualTo("503");
        assertThat(keyfob("token", "verify", "FOB-1", code(502))).isEqualTo(1);
        assertThat(keyfob("token", "verify", "FOB-1", code(503))).isZero();

        keyfob("audit", "--event", "E_TOKEN_RESYNCED", "--output", "csv");
        assertThat(run.out()).contains("admin:alice-admin,,FOB-1,result=ACCEPT factor=502");
    }

    @Test
    void resyncRefusesCodesThatAreNotConsecutiveAndChangesNothing() {
        assertThat(keyfob("token", "resync", "FOB-1", code(500), code(502))).isEqualTo(1);
        assertThat(run.err()).contains("FOB-1: the codes were not found as consecutive codes (NO_MATCH)");
        assertThat(show("FOB-1", "counter")).isEqualTo("0");
        assertThat(keyfob("token", "resync", "FOB-1", code(1))).isEqualTo(2);
        assertThat(keyfob("token", "resync", "NOPE", code(1), code(2))).isEqualTo(1);
        assertThat(run.err()).contains("no token NOPE");
    }

    @Test
    void setCounterMovesTheCounterAndWarnsWhenItGoesBack() {
        assertThat(keyfob("token", "set-counter", "FOB-2", "40")).isZero();
        assertThat(run.out()).contains("FOB-2 counter set to 40 (was 0)");
        assertThat(keyfob("token", "verify", "FOB-2", code(39))).isEqualTo(1);
        assertThat(keyfob("token", "verify", "FOB-2", code(40))).isZero();

        assertThat(keyfob("token", "set-counter", "FOB-2", "10")).isZero();
        assertThat(run.err()).contains("warning: the counter went back; codes 10 to 40 are acceptable again");
        assertThat(keyfob("token", "set-counter", "FOB-2", "-1")).isEqualTo(1);
        assertThat(run.err()).contains("counter must be 0 or more, was -1");
        assertThat(keyfob("token", "set-counter", "FOB-2", "ten")).isEqualTo(2);
        keyfob("audit", "--event", "E_TOKEN_MODIFIED", "--output", "csv");
        assertThat(run.out()).contains("admin:alice-admin,,FOB-2,counter=40 was=0").contains("counter=10 was=41");
    }

    @Test
    void deleteNamesTheUserAndRefusesAWrongConfirmation() throws Exception {
        keyfob("user", "add", "bob");
        keyfob("token", "assign", "FOB-1", "bob");

        assertThat(keyfobWithInput("FOB-2\n", "token", "delete", "FOB-1")).isEqualTo(1);
        assertThat(run.out()).contains("Deleting token FOB-1 cannot be undone (it is assigned to bob). Type FOB-1 to confirm:");
        assertThat(run.err()).contains("confirmation did not match; token FOB-1 was not deleted");
        assertThat(show("FOB-1", "users")).isEqualTo("bob");
        assertThat(keyfobWithInput("", "token", "delete", "FOB-1")).isEqualTo(1);

        assertThat(keyfobWithInput("FOB-1\n", "token", "delete", "FOB-1")).isZero();
        assertThat(run.out()).contains("deleted FOB-1; bob holds no token now");
        assertThat(keyfob("token", "show", "FOB-1")).isEqualTo(1);
        assertThat(keyfob("token", "delete", "FOB-1", "--yes")).isEqualTo(1);
        assertThat(run.err()).contains("no token FOB-1");
    }

    @Test
    void listFiltersAndSortsByAssignedUser() throws Exception {
        Path more = Files.writeString(dir.resolve("more.csv"), "serial,secret,counter\nA-9," + SEED_HEX + ",0\n");
        keyfob("token", "import", more.toString(), "--allow-short-seeds");
        keyfob("user", "add", "zoe");
        keyfob("user", "add", "bob");
        keyfob("token", "assign", "A-9", "zoe");
        keyfob("token", "assign", "FOB-2", "bob");
        keyfob("token", "verify", "FOB-2", code(0));
        keyfob("token", "state", "FOB-1", "DISABLED");

        assertThat(keyfob("token", "list", "--output", "csv")).isZero();
        assertThat(run.out().lines().map(l -> l.split(",")[0]).toList()).containsExactly("serial", "FOB-2", "A-9", "FOB-1");
        keyfob("token", "list", "--user", "zoe", "--output", "csv");
        assertThat(serials()).containsExactly("A-9");
        keyfob("token", "list", "--unassigned", "--output", "csv");
        assertThat(serials()).containsExactly("FOB-1");
        keyfob("token", "list", "--state", "disabled", "--output", "csv");
        assertThat(serials()).containsExactly("FOB-1");
        keyfob("token", "list", "--kind", "TOTP", "--output", "csv");
        assertThat(serials()).isEmpty();
        keyfob("token", "list", "--not-used-since", "2026-11-22T09:00:00Z", "--output", "csv");
        assertThat(serials()).containsExactly("A-9", "FOB-1");
        keyfob("token", "list", "--not-used-since", "2026-11-22", "--kind", "HOTP", "--output", "json");
        assertThat(run.out()).contains("\"serial\": \"A-9\"").doesNotContain("FOB-2");

        assertThat(keyfob("token", "list", "--state", "LOST")).isEqualTo(2);
        assertThat(run.err()).contains("--state").contains("LOST");
        assertThat(keyfob("token", "list", "--not-used-since", "last week")).isEqualTo(1);
        assertThat(run.err()).contains("is not a date such as 2026-01-31");
    }

    private java.util.List<String> serials() {
        return run.out().lines().skip(1).map(l -> l.split(",")[0]).toList();
    }
}
