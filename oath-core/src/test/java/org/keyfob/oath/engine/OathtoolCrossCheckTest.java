package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/**
 * Compares our codes with an independent implementation, oathtool (Debian's oathtool package,
 * which .ci/run installs), for random seeds, hashes, lengths, steps and times.
 */
@DisplayName("cross-check against oathtool")
class OathtoolCrossCheckTest {
    private static final Random RANDOM = new Random(6238);

    @BeforeAll
    static void needsOathtool() {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "oathtool")));
        assumeTrue(found, "oathtool is not installed: apt-get install oathtool to run this cross-check");
    }

    @Test
    void hotpCodesMatchOathtool() throws Exception {
        for (int i = 0; i < 20; i++) {
            byte[] key = randomKey(20);
            long counter = RANDOM.nextInt(Integer.MAX_VALUE);
            int digits = 6 + RANDOM.nextInt(3);

            String theirs = oathtool("--hotp", "-d", "" + digits, "-c", "" + counter, HexFormat.of().formatHex(key));
            assertThat(Hotp.generate(HashAlgorithm.SHA1, Seed.of(key), counter, digits))
                    .describedAs("counter %d, %d digits", counter, digits).isEqualTo(theirs);
        }
    }

    @Test
    void totpCodesMatchOathtoolForEveryHashStepAndLength() throws Exception {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            for (int i = 0; i < 10; i++) {
                byte[] key = randomKey(algorithm.outputBytes());
                long time = 1_000_000_000L + RANDOM.nextInt(1_000_000_000);
                int digits = 6 + RANDOM.nextInt(3);
                Duration step = Duration.ofSeconds(i % 2 == 0 ? 30 : 60);

                String theirs = oathtool("--totp=" + algorithm.oathName(), "-d", "" + digits,
                        "-s", step.getSeconds() + "s", "-N", "@" + time, HexFormat.of().formatHex(key));
                assertThat(Totp.generate(algorithm, Seed.of(key), Instant.ofEpochSecond(time), step, 0, digits))
                        .describedAs("%s at %d, step %s, %d digits", algorithm, time, step, digits)
                        .isEqualTo(theirs);
            }
        }
    }

    private static byte[] randomKey(int length) {
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String oathtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).describedAs(out).isZero();
        return out;
    }
}
