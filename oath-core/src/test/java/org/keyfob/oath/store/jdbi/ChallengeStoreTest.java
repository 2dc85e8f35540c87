package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.ChallengeStore;
import org.keyfob.oath.store.PendingChallenge;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ChallengeStoreTest extends StoreOnBothBackends {
    private static final int THREADS_PER_STORE = 8;
    private static final int ROUNDS = 20;

    private ChallengeStore challenges;

    @BeforeEach
    void setUp() {
        challenges = store.challenges();
    }

    private static PendingChallenge challenge(String id, long secondsFromNow) {
        return new PendingChallenge(id, "bob", NOW.plusSeconds(secondsFromNow), "ocra-challenge=12345678");
    }

    @Test
    void aChallengeCanBeTakenOnceWithEverythingItCarried() {
        PendingChallenge put = challenge("c1", 60);
        challenges.put(put);

        assertThat(challenges.take("c1", NOW)).contains(put);
        assertThat(challenges.take("c1", NOW)).isEmpty();
    }

    @Test
    void anUnknownIdGivesNothing() {
        assertThat(challenges.take("never-put", NOW)).isEmpty();
    }

    @Test
    void anExpiredChallengeIsNeverReturned() {
        challenges.put(challenge("c1", 60));

        assertThat(challenges.take("c1", NOW.plusSeconds(61))).isEmpty();
        assertThat(challenges.take("c1", NOW)).describedAs("taking an expired challenge uses it up").isEmpty();
    }

    @Test
    void aChallengeExpiresAtItsExpiryInstantNotAfter() {
        challenges.put(challenge("c1", 60));

        assertThat(challenges.take("c1", NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void purgeDeletesOnlyExpiredChallengesAndCountsThem() {
        challenges.put(challenge("old1", -120));
        challenges.put(challenge("old2", -1));
        challenges.put(challenge("now", 0));
        challenges.put(challenge("live", 60));

        assertThat(challenges.purgeExpired(NOW)).isEqualTo(3);
        assertThat(challenges.purgeExpired(NOW)).isZero();
        assertThat(challenges.take("live", NOW)).isPresent();
        assertThat(challenges.take("old2", NOW.minusSeconds(10))).describedAs("purged").isEmpty();
    }

    @Test
    void ofTwoServersRacingForOneChallengeExactlyOneGetsIt() throws Exception {
        ChallengeStore[] servers = {challenges, fixture.open().challenges()};
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_STORE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "race-" + round;
                challenges.put(challenge(id, 60));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<PendingChallenge>>> takers = new ArrayList<>();
                for (int t = 0; t < 2 * THREADS_PER_STORE; t++) {
                    ChallengeStore server = servers[t % 2];
                    Callable<Optional<PendingChallenge>> take = () -> {
                        start.await();
                        return server.take(id, NOW);
                    };
                    takers.add(pool.submit(take));
                }
                start.countDown();

                int winners = 0;
                for (Future<Optional<PendingChallenge>> f : takers) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).describedAs("takers of %s that got it", id).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
