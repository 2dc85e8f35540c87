package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.TokenKind;

/**
 * Files written by python-pskc, an independent implementation, with several keys each; every
 * imported key must give the codes oathtool computes from the original secret.
 */
@DisplayName("cross-check against python-pskc and oathtool")
class PythonPskcCrossCheckTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:34:56Z");
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonPskcAndOathtool() {
        python = PythonPskc.interpreter().orElse(null);
        assumeTrue(python != null, "python3-pskc is not installed: apt-get install python3-pskc to run this cross-check");
        assumeTrue(PythonPskc.hasOathtool(), "oathtool is not installed: apt-get install oathtool to run this cross-check");
    }

    /** One key as written: enough to recompute its codes independently. */
    record Written(String serial, byte[] secret, TokenKind kind, HashAlgorithm hash, int digits, long counter, int step) {
        String json() {
            String common = "\"id\":\"id-" + serial + "\",\"serial\":\"" + serial + "\",\"secret_hex\":\""
                    + HexFormat.of().formatHex(secret) + "\",\"digits\":" + digits + ",\"hash\":\"HMAC-" + hash.oathName() + "\"";
            return kind == TokenKind.HOTP
                    ? "{" + common + ",\"algorithm\":\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\",\"counter\":" + counter + "}"
                    : "{" + common + ",\"algorithm\":\"urn:ietf:params:xml:ns:keyprov:pskc:totp\",\"interval\":" + step + "}";
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "plain,      ,           ,",
        "psk,        aes128-cbc, hmac-sha1",
        "psk,        aes192-cbc, hmac-sha256",
        "psk,        aes256-cbc, hmac-sha512",
        "psk,        kw-aes128,  hmac-sha1",
        "psk,        kw-aes256,  hmac-sha256",
        "passphrase, aes128-cbc, hmac-sha1",
        "passphrase, aes256-cbc, hmac-sha256",
    })
    void everyKeyGivesOathtoolsCodes(String protection, String cipher, String mac) throws Exception {
        Random random = new Random(protection.hashCode() * 31L + String.valueOf(cipher).hashCode());
        List<Written> keys = keys(random, 8);
        byte[] psk = new byte[cipher == null ? 16 : cipher.contains("256") ? 32 : cipher.contains("192") ? 24 : 16];
        random.nextBytes(psk);
        String spec = "{\"protection\":\"" + protection + "\",\"cipher\":\"" + cipher + "\",\"mac\":\"" + mac
                + "\",\"key_hex\":\"" + HexFormat.of().formatHex(psk) + "\",\"passphrase\":\"correct horse\",\"iterations\":1000,"
                + "\"keys\":[" + keys.stream().map(Written::json).collect(Collectors.joining(",")) + "]}";
        Path file = PythonPskc.write(python, dir, spec);
        PskcKey key = switch (protection) {
            case "psk" -> PskcKey.preShared(psk);
            case "passphrase" -> PskcKey.passphrase("correct horse".toCharArray());
            default -> PskcKey.none();
        };

        List<ImportedToken> tokens;
        try (InputStream in = Files.newInputStream(file)) {
            tokens = new PskcReader(key).read(in, "python.pskcxml");
        }

        assertThat(tokens).hasSameSizeAs(keys);
        for (int i = 0; i < keys.size(); i++) {
            checkSameKey(keys.get(i), tokens.get(i));
        }
    }

    private static void checkSameKey(Written written, ImportedToken imported) throws Exception {
        var token = imported.token();
        assertThat(token.serial().value()).isEqualTo(written.serial());
        assertThat(token.seed().revealBytes()).describedAs(written.serial()).isEqualTo(written.secret());
        assertThat(token.spec().kind()).isEqualTo(written.kind());
        assertThat(token.spec().algorithm()).isEqualTo(written.hash());
        assertThat(token.spec().digits()).isEqualTo(written.digits());
        String hex = HexFormat.of().formatHex(written.secret());
        if (written.kind() == TokenKind.HOTP) {
            assertThat(token.state().counter()).isEqualTo(written.counter());
            String theirs = PythonPskc.oathtool("--hotp", "-d", "" + written.digits(), "-c", "" + written.counter(), hex);
            assertThat(Hotp.generate(token.spec().algorithm(), token.seed(), token.state().counter(), token.spec().digits()))
                    .describedAs("HOTP %s", written.serial()).isEqualTo(theirs);
        } else {
            assertThat(token.spec().step().getSeconds()).isEqualTo(written.step());
            String theirs = PythonPskc.oathtool("--totp=" + written.hash().oathName(), "-d", "" + written.digits(),
                    "-s", written.step() + "s", "-N", "@" + NOW.getEpochSecond(), hex);
            assertThat(Totp.generate(token.spec().algorithm(), token.seed(), NOW, token.spec().step(), token.spec().t0(),
                    token.spec().digits())).describedAs("TOTP %s", written.serial()).isEqualTo(theirs);
        }
    }

    /** HOTP keys use SHA-1 (oathtool's --hotp has no other); TOTP keys cycle through every hash. */
    private static List<Written> keys(Random random, int count) {
        List<Written> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean hotp = i % 2 == 0;
            HashAlgorithm hash = hotp ? HashAlgorithm.SHA1 : HashAlgorithm.values()[i / 2 % 3];
            byte[] secret = new byte[hotp ? 20 : hash.outputBytes()];
            random.nextBytes(secret);
            keys.add(new Written("PY" + (1000 + i), secret, hotp ? TokenKind.HOTP : TokenKind.TOTP, hash,
                    6 + i % 3, hotp ? random.nextInt(1_000_000) : 0, i % 4 == 1 ? 60 : 30));
        }
        return keys;
    }
}
