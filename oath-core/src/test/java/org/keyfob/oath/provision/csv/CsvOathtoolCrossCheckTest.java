package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.token.HashAlgorithm;

/**
 * Hands the secret text of each row to oathtool, which decodes hex and base32 on its own, and checks
 * that the token read from the file shows the same code: the file was understood as oathtool does.
 */
@DisplayName("CSV secrets cross-checked against oathtool")
class CsvOathtoolCrossCheckTest {
    private final Random random = new Random(4648);

    @BeforeAll
    static void needsOathtool() {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "oathtool")));
        assumeTrue(found, "oathtool is not installed: apt-get install oathtool to run this cross-check");
    }

    @Test
    void hexSeedListGivesTheCodesOathtoolComputesFromTheSameText() throws Exception {
        for (int i = 0; i < 10; i++) {
            String hex = HexFormat.of().formatHex(bytes(16 + random.nextInt(17)));
            long counter = random.nextInt(1_000_000);

            ImportedToken token = CsvFiles.read("FTK" + i + "," + hex + "," + counter + "\n", CsvOptions.defaults()).get(0);

            assertThat(Hotp.generate(HashAlgorithm.SHA1, token.token().seed(), counter, 6))
                    .isEqualTo(oathtool("--hotp", "-c", "" + counter, hex));
        }
    }

    @Test
    void azureBase32FileGivesTheCodesOathtoolComputesFromTheSameText() throws Exception {
        for (int i = 0; i < 10; i++) {
            String base32 = Base32.encode(bytes(20));
            int step = i % 2 == 0 ? 30 : 60;
            long time = 1_600_000_000L + random.nextInt(500_000_000);
            String csv = "upn,serial number,secret key,time interval,manufacturer,model\n"
                    + "user" + i + "@contoso.com,T2-" + i + "," + base32 + "," + step + ",Token2,C202\n";

            ImportedToken token = CsvFiles.read(csv, CsvOptions.defaults()).get(0);

            assertThat(Totp.generate(HashAlgorithm.SHA1, token.token().seed(), Instant.ofEpochSecond(time),
                    token.token().spec().step(), 0, 6))
                    .isEqualTo(oathtool("--totp", "-b", "-s", step + "s", "-N", "@" + time, base32));
        }
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String oathtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).describedAs(out).isZero();
        return out;
    }
}
