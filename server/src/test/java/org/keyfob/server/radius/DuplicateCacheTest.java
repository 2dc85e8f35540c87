package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress NAS = new InetSocketAddress("192.0.2.1", 40000);

    private static DuplicateCache.Key key(int identifier) {
        return DuplicateCache.Key.of(NAS, identifier, new byte[16]);
    }

    @Test
    void aRetransmissionIsPendingUntilAnsweredThenGetsTheSameBytes() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 100);
        assertThat(cache.see(key(1), 0)).isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(key(1), SECOND)).isInstanceOf(DuplicateCache.Seen.Pending.class);
        cache.complete(key(1), new byte[] {2, 1}, 2 * SECOND);
        assertThat(cache.see(key(1), 3 * SECOND)).isInstanceOfSatisfying(DuplicateCache.Seen.Answered.class,
                a -> assertThat(a.response()).containsExactly(2, 1));
    }

    @Test
    void expiredEntriesAreDroppedAsNewRequestsArrive() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 1_000);
        for (int i = 0; i < 100; i++) {
            cache.see(key(i % 256), i * SECOND / 10);
        }
        assertThat(cache.size()).isEqualTo(100);
        cache.see(key(200), 100 * SECOND);
        assertThat(cache.size()).isEqualTo(1);
        // Long after, the same request is new again.
        assertThat(cache.see(key(200), 200 * SECOND)).isInstanceOf(DuplicateCache.Seen.First.class);
    }

    @Test
    void neverHoldsMuchMoreThanItsBoundEvenWhileAllAreAlive() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 50);
        for (int i = 0; i < 10_000; i++) {
            cache.see(DuplicateCache.Key.of(new InetSocketAddress("192.0.2.1", 1024 + i), 7, new byte[16]), i);
        }
        assertThat(cache.size()).isBetween(50, 51);
    }

    @Test
    void anAnswerToARequestDroppedMeanwhileIsStillKeptForItsRetransmissions() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 10);
        cache.see(key(1), 0);
        for (int i = 2; i < 40; i++) {
            cache.see(key(i), SECOND);
        }
        cache.complete(key(1), new byte[] {3}, 2 * SECOND);

        assertThat(cache.see(key(1), 3 * SECOND)).isInstanceOfSatisfying(DuplicateCache.Seen.Answered.class,
                a -> assertThat(a.response()).containsExactly(3));
        for (int i = 40; i < 80; i++) {
            cache.see(key(i), 4 * SECOND);
        }
        assertThat(cache.size()).describedAs("the late answer is queued and dropped like any other").isBetween(10, 11);
    }

    @Test
    void anAnsweredEntryOutlivesTheQueueingOfItsFirstSighting() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 100);
        cache.see(key(1), 0);
        cache.complete(key(1), new byte[] {2}, 20 * SECOND);
        // 31 s after the first sighting, but 11 s after the answer: still a retransmission.
        assertThat(cache.see(key(1), 31 * SECOND)).isInstanceOf(DuplicateCache.Seen.Answered.class);
        assertThat(cache.see(key(1), 51 * SECOND)).isInstanceOf(DuplicateCache.Seen.First.class);
    }

    @Test
    void tellsApartRequestsThatDifferInAddressPortIdentifierOrAuthenticator() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 100);
        byte[] authenticator = new byte[16];
        byte[] otherAuthenticator = new byte[16];
        otherAuthenticator[15] = 1;
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 40000);
        assertThat(cache.see(DuplicateCache.Key.of(NAS, 1, authenticator), 0)).isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(new InetSocketAddress("192.0.2.2", 40000), 1, authenticator), 0))
                .isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(new InetSocketAddress("192.0.2.1", 40001), 1, authenticator), 0))
                .isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(NAS, 2, authenticator), 0)).isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(NAS, 1, otherAuthenticator), 0))
                .isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(v6, 1, authenticator), 0)).isInstanceOf(DuplicateCache.Seen.First.class);
        assertThat(cache.see(DuplicateCache.Key.of(new InetSocketAddress("2001:db8::1", 40000), 1, authenticator), 0))
                .isInstanceOf(DuplicateCache.Seen.Pending.class);
        assertThat(cache.size()).isEqualTo(6);
    }

    @Test
    void answersLongerThanTheInlinePartComeBackWhole() {
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 10);
        byte[] longAnswer = new byte[300];
        new Random(7).nextBytes(longAnswer);
        cache.see(key(1), 0);
        cache.complete(key(1), longAnswer, 0);
        assertThat(cache.see(key(1), SECOND)).isInstanceOfSatisfying(DuplicateCache.Seen.Answered.class,
                a -> assertThat(a.response()).containsExactly(longAnswer));
    }

    /**
     * A seeded random run of see, complete and forget over keys that come and go, against a map:
     * with fewer requests than the bound nothing is evicted, so every answer must match exactly,
     * which holds only if the index finds every entry after others were removed around it.
     */
    @Test
    void agreesWithAMapThroughRandomSeesAnswersAndForgets() {
        Random random = new Random(20261202);
        int keys = 1_500;
        DuplicateCache cache = new DuplicateCache(Duration.ofSeconds(30), 4_096);
        Map<Integer, byte[]> model = new HashMap<>(); // absent: unknown; empty array: in progress
        int firsts = 0;
        for (int op = 0; op < 20_000 && firsts < 4_000; op++) {
            int k = random.nextInt(keys);
            DuplicateCache.Key key = DuplicateCache.Key.of(new InetSocketAddress("192.0.2.1", 1024 + k), k % 256,
                    new byte[16]);
            int what = random.nextInt(10);
            if (what < 5) {
                DuplicateCache.Seen seen = cache.see(key, op);
                byte[] expected = model.get(k);
                if (expected == null) {
                    assertThat(seen).describedAs("op %d key %d", op, k).isInstanceOf(DuplicateCache.Seen.First.class);
                    model.put(k, new byte[0]);
                    firsts++;
                } else if (expected.length == 0) {
                    assertThat(seen).describedAs("op %d key %d", op, k).isInstanceOf(DuplicateCache.Seen.Pending.class);
                } else {
                    assertThat(seen).describedAs("op %d key %d", op, k).isInstanceOfSatisfying(
                            DuplicateCache.Seen.Answered.class, a -> assertThat(a.response()).containsExactly(expected));
                }
            } else if (what < 8) {
                byte[] response = new byte[1 + random.nextInt(120)];
                random.nextBytes(response);
                if (!model.containsKey(k)) {
                    firsts++;
                }
                cache.complete(key, response, op);
                model.put(k, response);
            } else {
                cache.forget(key);
                model.remove(k);
            }
            assertThat(cache.size()).describedAs("op %d", op).isEqualTo(model.size());
        }
    }
}
