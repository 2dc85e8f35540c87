package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;

/**
 * python-pskc, an independent implementation, reads Keyfob's passphrase-protected export: it
 * derives the key with PBKDF2, checks each ValueMAC and decrypts the same secrets, with the same
 * algorithm, suite, digits, counter, time step, T0 and drift.
 */
@DisplayName("python-pskc reads Keyfob's PSKC export")
class PythonReadsPskcExportTest {
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonPskc() {
        python = PythonPskc.interpreter().orElse(null);
        assumeTrue(python != null, "python3-pskc is not installed: apt-get install python3-pskc to run this cross-check");
    }

    @Test
    @DisplayName("RFC 6030 §6.2: PBKDF2 + AES-256-CBC + HMAC-SHA256 export gives python-pskc the same keys")
    void pythonPskcDecryptsTheSameSecrets() throws Exception {
        List<Token> tokens = PskcExportRoundTripTest.tokens(new Random(8018), 12, "PY-");
        Path file = Files.write(dir.resolve("export.pskcxml"),
                PskcExportRoundTripTest.export(tokens, PskcExportRoundTripTest.PASSPHRASE));

        List<String> lines = PythonPskc.read(python, file, new String(PskcExportRoundTripTest.PASSPHRASE));

        assertThat(lines).hasSameSizeAs(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String[] f = lines.get(i).split("\t", -1);
            String what = t.serial().value();
            assertThat(f[0]).describedAs(what).isEqualTo(what);
            assertThat(f[1]).describedAs(what + " secret").isEqualTo(HexFormat.of().formatHex(t.seed().revealBytes()));
            assertThat(f[2]).describedAs(what).isEqualTo("urn:ietf:params:xml:ns:keyprov:pskc:" + t.spec().kind().name().toLowerCase());
            assertThat(f[3]).describedAs(what).isEqualTo(t.spec().kind() == TokenKind.OCRA ? t.spec().ocraSuite().orElseThrow()
                    : "HMAC-" + t.spec().algorithm().oathName());
            assertThat(f[4]).describedAs(what).isEqualTo(Integer.toString(t.spec().digits()));
            assertThat(f[5]).describedAs(what).isEqualTo("DECIMAL");
            if (t.spec().kind() == TokenKind.TOTP) {
                assertThat(f[7]).describedAs(what + " T0").isEqualTo(Long.toString(t.spec().t0()));
                assertThat(f[8]).describedAs(what + " step").isEqualTo(Long.toString(t.spec().step().getSeconds()));
                assertThat(f[9]).describedAs(what + " drift").isEqualTo(Integer.toString(t.state().drift()));
            } else {
                assertThat(f[6]).describedAs(what + " counter").isEqualTo(Long.toString(t.state().counter()));
            }
            TokenDetails details = PskcExportRoundTripTest.details(t);
            assertThat(f[10]).isEqualTo(details.manufacturer().orElse(""));
            assertThat(f[11]).isEqualTo(details.model().orElse(""));
            assertThat(f[12]).isEqualTo(details.issuer().orElse(""));
        }
    }
}
