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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.Session;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * {@code keyfob token export} against real H2 stores: the inventory carries no secret, the PSKC
 * export moves every token to a second store with the same spec, state, status and codes, and
 * each export leaves an audit event naming the OS user.
 */
class TokenExportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String SEED_1 = "3132333435363738393031323334353637383930";
    private static final String SEED_2 = "00112233445566778899aabbccddeeff00112233";
    private static final String PASSPHRASE = "a long migration passphrase";

    @TempDir
    Path dir;

    private Path config;
    private KeyfobRun run;

    @BeforeEach
    void storeWithThreeTokens() throws Exception {
        config = config("one");
        assertThat(keyfob(config, "token", "import", file("hotp.csv", "serial,secret,counter\nH-1," + SEED_1 + ",7\nH-2,"
                + SEED_2 + ",0\n").toString())).isZero();
        assertThat(keyfob(config, "token", "import", "--type", "totp", "--algorithm", "SHA256", "--digits", "8",
                "--step", "60", file("totp.csv", "T-1," + SEED_2 + "\n").toString())).isZero();
        keyfob(config, "user", "add", "bob");
        keyfob(config, "token", "assign", "H-1", "bob");
        keyfob(config, "token", "state", "H-2", "DISABLED");
        try (Store store = open(config)) {
            // T-1 has been used: its next acceptable time step is in the store and must travel.
            StoredToken t = store.tokens().find(new Serial("T-1")).orElseThrow();
            store.tokens().compareAndSetState(t.token().serial(), t.version(),
                    t.token().state().accepted(29_660_000, 1, CLOCK.instant()));
        }
    }

    @Test
    void inventoryCsvListsEveryTokenWithoutSecrets() throws Exception {
        assertThat(keyfob(config, "token", "export")).isZero();

        // The store stamps "created" with its own clock, so only its ISO 8601 form is checked.
        assertThat(run.out().replaceAll(",\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\n", ",CREATED\n")
                .lines().toList()).containsExactly(
                "serial,kind,algorithm,digits,state,users,last_used,created",
                "H-1,HOTP,SHA1,6,VALID,bob,,CREATED",
                "H-2,HOTP,SHA1,6,DISABLED,,,CREATED",
                "T-1,TOTP,SHA256,8,VALID,,2026-11-22T10:00:00Z,CREATED");
        assertNoSeedIn(run.out() + run.err());
        assertThat(audit(AuditEventType.E_TOKEN_LIST_EXPORTED)).singleElement()
                .satisfies(e -> assertThat(e.event().actor().toString()).isEqualTo("admin:alice-admin"));
    }

    @Test
    void inventoryJsonToFile() throws Exception {
        Path out = dir.resolve("inventory.json");

        assertThat(keyfob(config, "token", "export", "--output", "json", "--file", out.toString())).isZero();

        assertThat(run.out()).contains("exported the inventory of 3 tokens to " + out);
        String json = Files.readString(out);
        assertThat(json).startsWith("[\n  {\"serial\": \"H-1\", \"kind\": \"HOTP\", \"algorithm\": \"SHA1\", \"digits\": \"6\", "
                + "\"state\": \"VALID\", \"users\": \"bob\", \"last_used\": \"\", \"created\": \"2")
                .endsWith("}\n]\n");
        assertNoSeedIn(json);
    }

    @Test
    @DisplayName("import(export(x)): a second server gets the same tokens, state, status and codes")
    void pskcExportImportsIntoASecondStoreAsTheSameTokens() throws Exception {
        Path export = dir.resolve("move.pskcxml");
        Path passphrase = file("pass.txt", PASSPHRASE + "\n");

        assertThat(keyfob(config, "token", "export", "--format", "pskc", "--passphrase-file", passphrase.toString(),
                "--iterations", "1000", "--file", export.toString())).isZero();
        assertThat(run.out()).contains("exported 3 tokens (HOTP 2, TOTP 1) with their secrets to " + export);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
        assertNoSeedIn(Files.readString(export) + run.out() + run.err());

        Path second = config("two");
        assertThat(keyfob(second, "token", "import", export.toString(), "--passphrase-file", passphrase.toString()))
                .describedAs(run.err()).isZero();
        assertThat(run.out()).contains("imported 3 tokens (HOTP 2, TOTP 1) from move.pskcxml");

        try (Store from = open(config); Store to = open(second)) {
            for (String serial : List.of("H-1", "H-2", "T-1")) {
                Token a = from.tokens().find(new Serial(serial)).orElseThrow().token();
                Token b = to.tokens().find(new Serial(serial)).orElseThrow().token();
                assertThat(b.spec()).describedAs(serial).isEqualTo(a.spec());
                assertThat(b.status()).describedAs(serial).isEqualTo(a.status());
                assertThat(b.state().counter()).describedAs(serial).isEqualTo(a.state().counter());
                assertThat(b.state().drift()).describedAs(serial).isEqualTo(a.state().drift());
                assertThat(code(b)).describedAs(serial).isEqualTo(code(a));
            }
        }
        assertThat(audit(AuditEventType.E_TOKEN_SECRETS_EXPORTED)).singleElement().satisfies(e -> {
            assertThat(e.event().actor().toString()).isEqualTo("admin:alice-admin");
            assertThat(e.event().detail()).isEqualTo("format=pskc tokens=3 to=" + export.toAbsolutePath());
        });
    }

    @Test
    void pskcExportToStandardOutputReportsOnStandardError() throws Exception {
        assertThat(keyfob(config, "token", "export", "--format", "pskc", "--iterations", "1000",
                "--passphrase-file", file("pass.txt", PASSPHRASE).toString())).isZero();

        assertThat(run.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<pskc:SerialNo>T-1</pskc:SerialNo>")
                .endsWith("</pskc:KeyContainer>\n");
        assertThat(run.err()).contains("exported 3 tokens (HOTP 2, TOTP 1) with their secrets to standard output");
    }

    @Test
    void shortPassphraseIsRefusedAndNothingIsWritten() throws Exception {
        Path export = dir.resolve("move.pskcxml");

        assertThat(keyfob(config, "token", "export", "--format", "pskc", "--file", export.toString(),
                "--passphrase-file", file("pass.txt", "short").toString())).isEqualTo(1);

        assertThat(run.err()).contains("the passphrase must have at least 12 characters");
        assertThat(export).doesNotExist();
        assertThat(audit(AuditEventType.E_TOKEN_SECRETS_EXPORTED)).isEmpty();
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path export = file("move.pskcxml", "keep me");

        assertThat(keyfob(config, "token", "export", "--format", "pskc", "--iterations", "1000", "--file", export.toString(),
                "--passphrase-file", file("pass.txt", PASSPHRASE).toString())).isEqualTo(1);

        assertThat(run.err()).contains(export + " exists already");
        assertThat(Files.readString(export)).isEqualTo("keep me");
    }

    private String code(Token t) {
        return t.spec().kind() == TokenKind.HOTP
                ? Hotp.generate(t.spec().algorithm(), t.seed(), t.state().counter(), t.spec().digits())
                : Totp.generate(t.spec().algorithm(), t.seed(), CLOCK.instant(), t.spec().step(), t.spec().t0(),
                        t.spec().digits());
    }

    private static void assertNoSeedIn(String text) {
        for (String seed : List.of(SEED_1, SEED_2)) {
            assertThat(text).doesNotContainIgnoringCase(seed)
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(seed)));
        }
    }

    private List<AuditEntry> audit(AuditEventType type) {
        try (Store store = open(config)) {
            return store.audit().query(AuditQuery.ALL.ofType(type));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Path config(String name) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), "store:\n  data-dir: data-" + name + "\n");
    }

    private Store open(Path configFile) throws Exception {
        return new Session("test", CLOCK).openStore(configFile);
    }

    private int keyfob(Path configFile, String... args) {
        run = KeyfobRun.of(configFile, CLOCK, args);
        return run.code();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

}
