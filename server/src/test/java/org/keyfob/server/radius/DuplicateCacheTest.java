package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
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
}
