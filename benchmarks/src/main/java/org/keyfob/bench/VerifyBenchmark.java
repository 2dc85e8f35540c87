package org.keyfob.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One verification, start to finish (keying the HMAC, searching the windows, building the next
 * state), for the cases that bound a server's cost: the best case, a match at the far end of the
 * window, and the worst case, a wrong code that searches every window the policy allows.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VerifyBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(30);

    private final Verifier defaults = new Verifier(OtpPolicy.DEFAULT);
    private final Verifier lookAheadOnly = new Verifier(OtpPolicy.DEFAULT.withAutoResync(false));
    private Token hotp;
    private Token totp;
    private String hotpFirst;
    private String hotpLast;
    private String totpNow;
    private String wrong;

    @Setup
    public void setUp() {
        Seed seed = Seed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        hotp = new Token(new Serial("H"), TokenSpec.hotp(HashAlgorithm.SHA1, 6), seed, TokenStatus.VALID,
                TokenState.initial(1_000));
        totp = new Token(new Serial("T"), TokenSpec.totp(HashAlgorithm.SHA1, 6, STEP), seed, TokenStatus.VALID,
                TokenState.initial(0));
        hotpFirst = Hotp.generate(HashAlgorithm.SHA1, seed, 1_000, 6);
        hotpLast = Hotp.generate(HashAlgorithm.SHA1, seed, 1_010, 6);
        totpNow = Totp.generate(HashAlgorithm.SHA1, seed, NOW, STEP, 0, 6);
        wrong = "000000".equals(hotpFirst) ? "000001" : "000000";
    }

    @Benchmark
    public Verification hotpAcceptFirstInWindow() {
        return defaults.verify(hotp, hotpFirst, NOW);
    }

    @Benchmark
    public Verification hotpAcceptLastInWindow() {
        return defaults.verify(hotp, hotpLast, NOW);
    }

    /** Worst case with auto-resync off: 11 window codes and the replay check. */
    @Benchmark
    public Verification hotpNoMatchLookAheadOnly() {
        return lookAheadOnly.verify(hotp, wrong, NOW);
    }

    /** Worst case with the default policy: look-ahead, replay check and the 100-counter sync window. */
    @Benchmark
    public Verification hotpNoMatchWithAutoResync() {
        return defaults.verify(hotp, wrong, NOW);
    }

    @Benchmark
    public Verification totpAcceptCurrentStep() {
        return defaults.verify(totp, totpNow, NOW);
    }

    /** Worst case with auto-resync off: the three steps of the ±1 window. */
    @Benchmark
    public Verification totpNoMatchWindowOnly() {
        return lookAheadOnly.verify(totp, wrong, NOW);
    }

    /** Worst case with the default policy: the ±1 window and ±10 minutes of sync window. */
    @Benchmark
    public Verification totpNoMatchWithAutoResync() {
        return defaults.verify(totp, wrong, NOW);
    }
}
