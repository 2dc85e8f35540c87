package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.Session;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.token.Serial;

/**
 * {@code keyfob token import} end to end on a real H2 store: {@code --update}, users named by
 * the file, and every way a file is refused. Tokens are written in batches while the file is
 * read, so each refusal test puts a good token before the bad one and checks that the store is
 * exactly as it was: the transaction rolled back.
 */
class TokenImportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String SEED = "3132333435363738393031323334353637383930";
    private static final String OTHER_SEED = "00112233445566778899aabbccddeeff00112233";
    private static final String PASSPHRASE = "a long migration passphrase";

    @TempDir
    Path dir;

    private Path config;
    private KeyfobRun run;

    @BeforeEach
    void storeWithOneUsedToken() throws Exception {
        config = Files.writeString(dir.resolve("keyfob.yaml"), "store:\n  data-dir: data\n");
        assertThat(keyfob("token", "import", file("first.csv", "OLD-1," + SEED + ",9\n").toString())).isZero();
        keyfob("token", "state", "OLD-1", "DISABLED");
    }

    @Test
    @DisplayName("--update: same seed, so the counter never moves back; status kept; summary by kind")
    void updateKeepsTheHigherCounterAndTheStatus() throws Exception {
        Path csv = file("again.csv", "OLD-1," + SEED + ",0\nNEW-1," + SEED + ",0\n");

        assertThat(keyfob("token", "import", csv.toString(), "--update")).describedAs(run.err()).isZero();

        assertThat(run.out()).isEqualTo("imported 1 tokens (HOTP 1), updated 1 (HOTP 1) from again.csv\n");
        assertThat(tokens()).containsExactly("NEW-1,HOTP-SHA1-6,VALID,,", "OLD-1,HOTP-SHA1-6,DISABLED,,");
        try (Store store = open()) {
            assertThat(store.tokens().find(new Serial("OLD-1")).orElseThrow().token().state().counter()).isEqualTo(9);
        }
    }

    @Test
    void updateWithANewSeedTakesTheFilesCounter() throws Exception {
        Path csv = file("replaced.csv", "OLD-1," + OTHER_SEED + ",3\n");

        assertThat(keyfob("token", "import", csv.toString(), "--update", "--algorithm", "SHA256", "--digits", "8")).isZero();

        assertThat(run.out()).isEqualTo("imported 0 tokens, updated 1 (HOTP 1) from replaced.csv\n");
        try (Store store = open()) {
            var token = store.tokens().find(new Serial("OLD-1")).orElseThrow().token();
            assertThat(token.state().counter()).isEqualTo(3);
            assertThat(token.spec().digits()).isEqualTo(8);
            assertThat(token.seed().revealBytes()).isEqualTo(java.util.HexFormat.of().parseHex(OTHER_SEED));
        }
    }

    @Test
    void dryRunReportsWhatWouldHappenAndChangesNothing() throws Exception {
        List<String> before = tokens();

        assertThat(keyfob("token", "import", file("again.csv", "OLD-1," + SEED + ",0\nNEW-1," + SEED + ",0\n").toString(),
                "--update", "--dry-run")).isZero();

        assertThat(run.out()).isEqualTo("would have imported 1 tokens (HOTP 1), updated 1 (HOTP 1) from again.csv"
                + " (dry run: nothing changed)\n");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void serialInTheStoreWithoutUpdateIsRefusedAndNothingChanges() throws Exception {
        List<String> before = tokens();

        assertThat(keyfob("token", "import", file("b.csv", "NEW-1," + SEED + ",0\nOLD-1," + SEED + ",0\n").toString()))
                .isEqualTo(1);

        assertThat(run.err()).contains("b.csv:2: serial OLD-1 is in the store already",
                "nothing was imported; pass --update to update those tokens");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void duplicateInsideTheFileStaysAnErrorWithUpdate() throws Exception {
        List<String> before = tokens();

        assertThat(keyfob("token", "import", file("dup.csv", "NEW-1," + SEED + ",0\nNEW-1," + SEED + ",1\n").toString(),
                "--update")).isEqualTo(1);

        assertThat(run.err()).contains("dup.csv:2: field \"serial\": \"NEW-1\" is also on line 1; a serial may appear once per file",
                "nothing was imported");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void badCounterOnALaterLineRollsBackTheLinesBefore() throws Exception {
        List<String> before = tokens();

        assertThat(keyfob("token", "import", file("bad.csv", "NEW-1," + SEED + ",0\nNEW-2," + SEED + ",-5\n").toString()))
                .isEqualTo(1);

        assertThat(run.err()).contains("bad.csv:2: field \"counter\": \"-5\" is not a non-negative integer", "nothing was imported");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void wrongPassphraseIsRefusedAndNothingChanges() throws Exception {
        Path export = exportOf("NEW-1", "NEW-2");
        List<String> before = tokens();

        assertThat(keyfob("token", "import", export.toString(), "--passphrase-file",
                file("wrong.txt", "not the passphrase at all").toString())).isEqualTo(1);

        // Usually the MAC key fails to decrypt (bad padding); 1 time in 256 it decrypts to a wrong key
        // and the first ValueMAC fails instead. Either way: one problem naming the passphrase.
        assertThat(run.err()).startsWith("keyfob: 1 problem(s):\nmove.pskcxml: ")
                .contains(": wrong passphrase or altered file\nnothing was imported");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 6030 §6.1.1: an altered ValueMAC in KeyPackage 2 rolls back KeyPackage 1")
    void macMismatchInALaterPackageRollsBackTheOnesBefore() throws Exception {
        Path export = exportOf("NEW-1", "NEW-2");
        String xml = Files.readString(export);
        int second = xml.indexOf("<pskc:ValueMAC>", xml.indexOf("NEW-2")) + "<pskc:ValueMAC>".length();
        char flipped = xml.charAt(second) == 'A' ? 'B' : 'A';
        Files.writeString(export, xml.substring(0, second) + flipped + xml.substring(second + 1));
        List<String> before = tokens();

        assertThat(keyfob("token", "import", export.toString(), "--passphrase-file", file("p.txt", PASSPHRASE).toString()))
                .isEqualTo(1);

        assertThat(run.err()).contains("move.pskcxml: KeyPackage 2 (serial NEW-2), element Data/Secret/ValueMAC: "
                + "MAC check failed: wrong passphrase or altered file", "nothing was imported");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 6030 §6.3: a file encrypted to another RSA key is refused")
    void wrongRsaKeyIsRefusedAndNothingChanges() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair recipient = generator.generateKeyPair();
        KeyPair admins = generator.generateKeyPair();
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, recipient.getPublic());
        String cipherValue = Base64.getEncoder().encodeToString(rsa.doFinal(SEED.getBytes(StandardCharsets.US_ASCII)));
        Path pskc = file("rsa.pskcxml", "<KeyContainer xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" Version=\"1.0\">"
                + "<EncryptionKey><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></EncryptionKey>"
                + "<KeyPackage><DeviceInfo><SerialNo>RSA-1</SerialNo></DeviceInfo>"
                + "<Key Id=\"RSA-1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data><Secret><EncryptedValue>"
                + "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>"
                + "<xenc:CipherData><xenc:CipherValue>" + cipherValue + "</xenc:CipherValue></xenc:CipherData>"
                + "</EncryptedValue></Secret></Data></Key></KeyPackage></KeyContainer>");
        Path pem = file("admin.pem", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                admins.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        List<String> before = tokens();

        assertThat(keyfob("token", "import", pskc.toString(), "--rsa-key-file", pem.toString())).isEqualTo(1);

        assertThat(run.err()).contains("rsa.pskcxml: KeyPackage 1 (serial RSA-1), element Data/Secret/EncryptedValue: "
                + "cannot be decrypted with rsa-oaep-mgf1p: wrong RSA private key or altered file", "nothing was imported");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void usersNamedByTheFileAreRefusedUnlessCreatedAndAssignedInTheSameImport() throws Exception {
        Path azure = file("azure.csv", "upn,serial number,secret key,time interval,manufacturer,model\n"
                + "alice@contoso.com,60234567,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,30,Token2,miniOTP-1\n");
        List<String> before = tokens();

        assertThat(keyfob("token", "import", azure.toString())).isEqualTo(1);
        assertThat(run.err()).contains("azure.csv:2: user alice@contoso.com does not exist; add it first, or pass --create-users");
        assertThat(tokens()).isEqualTo(before);

        assertThat(keyfob("token", "import", azure.toString(), "--create-users")).isZero();
        assertThat(run.out()).isEqualTo("imported 1 tokens (TOTP 1) from azure.csv; assigned 1; created 1 users\n");
        assertThat(tokens()).contains("60234567,TOTP-SHA1-6,VALID,alice@contoso.com,");
    }

    @Test
    void noProgressBarWhenStandardErrorIsNotATerminal() throws Exception {
        assertThat(keyfob("token", "import", file("two.csv", "NEW-1," + SEED + ",0\nNEW-2," + SEED + ",0\n").toString()))
                .isZero();

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("\r", "[#");
    }

    /** A passphrase-protected export holding tokens {@code serials}, made by a second store. */
    private Path exportOf(String... serials) throws Exception {
        Path other = Files.writeString(dir.resolve("other.yaml"), "store:\n  data-dir: other\n");
        StringBuilder csv = new StringBuilder();
        for (String serial : serials) {
            csv.append(serial).append(',').append(SEED).append(",0\n");
        }
        assertThat(KeyfobRun.of(other, CLOCK, "token", "import", file("src.csv", csv.toString()).toString()).code()).isZero();
        Path export = dir.resolve("move.pskcxml");
        KeyfobRun exported = KeyfobRun.of(other, CLOCK, "token", "export", "--format", "pskc", "--iterations", "1000",
                "--passphrase-file", file("p.txt", PASSPHRASE).toString(), "--file", export.toString());
        assertThat(exported.code()).describedAs(exported.err()).isZero();
        return export;
    }

    private List<String> tokens() {
        assertThat(keyfob("token", "list", "--output", "csv")).isZero();
        return run.out().lines().skip(1).toList();
    }

    private Store open() throws Exception {
        return new Session("test", CLOCK).openStore(config);
    }

    private int keyfob(String... args) {
        run = KeyfobRun.of(config, CLOCK, args);
        return run.code();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
