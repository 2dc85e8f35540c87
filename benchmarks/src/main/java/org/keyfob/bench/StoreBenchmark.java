package org.keyfob.bench;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two store calls on every authentication, against stores of 1,000 and 1,000,000 tokens
 * (each assigned to its own user): {@code findByUser} for a random user (join, decrypt the seed)
 * and {@code compareAndSetState} on a random token (one indexed UPDATE and its commit). H2 is the
 * embedded file store as shipped ({@code WRITE_DELAY=0}); PostgreSQL runs when reachable.
 *
 * <p>The first run fills the stores (a minute or two for a million) and keeps them under
 * {@code benchmarks/target/store-bench}; later runs reuse them. Setup prints the store's size on
 * disk per token.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StoreBenchmark -p backend=h2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBenchmark {

    @Param({"h2", "postgresql"})
    public String backend;

    @Param({"1000", "1000000"})
    public int tokenCount;

    private JdbiStore store;
    private long[] versions;
    private final SplittableRandom random = new SplittableRandom(7);
    private long lostUpdates;

    @Setup
    public void setUp() {
        store = BenchmarkStores.open(backend, tokenCount);
        versions = BenchmarkStores.versions(backend, tokenCount);
        List<StoredToken> probe = store.tokens().findByUser(BenchmarkStores.user(tokenCount - 1));
        if (probe.size() != 1 || !probe.get(0).token().serial().value().equals(BenchmarkStores.serial(tokenCount - 1))) {
            throw new IllegalStateException("the cached " + backend + " store is not one token per user;"
                    + " delete " + BenchmarkStores.cacheRoot() + " and run again");
        }
        long bytes = BenchmarkStores.size(backend, tokenCount);
        System.out.printf("%n%s store, %,d tokens: %,d bytes on disk, %,d bytes per token%n", backend, tokenCount,
                bytes, bytes / tokenCount);
    }

    @TearDown
    public void tearDown() {
        store.close();
        if (lostUpdates > 0) {
            throw new IllegalStateException(lostUpdates + " compare-and-set calls found another version: the"
                    + " benchmark measured failed updates, not writes");
        }
    }

    /** The read on every Access-Request: a user's tokens, seeds decrypted. */
    @Benchmark
    public List<StoredToken> findByUser() {
        return store.tokens().findByUser(BenchmarkStores.user(random.nextInt(tokenCount)));
    }

    /** The write after every accepted code: the next state, over the version read. */
    @Benchmark
    public boolean compareAndSetState() {
        int i = random.nextInt(tokenCount);
        long version = versions[i];
        TokenState next = new TokenState(version + 1, 0, LockState.CLEAR, Optional.empty(),
                Optional.of(BenchmarkStores.FILLED_AT));
        boolean stored = store.tokens().compareAndSetState(new Serial(BenchmarkStores.serial(i)), version, next);
        if (stored) {
            versions[i] = version + 1;
        } else {
            lostUpdates++;
        }
        return stored;
    }
}
