package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.USER;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.AuditEventType;

/**
 * Ten thousand broken datagrams from the configured client's own address, then one good request.
 * Every base request carries the right PIN and code, so a single fuzzed packet that slipped past
 * the codec or the Message-Authenticator check would be accepted and turn the final login into a
 * REPLAY. Seeded, so a failure repeats.
 */
class FuzzTest {
    private static final long SEED = 20_261_122L;
    private static final int DATAGRAMS = 10_000;
    /** Small batches keep the socket's receive buffer from overflowing, which would lose datagrams. */
    private static final int BATCH = 50;

    enum Kind { RANDOM_BYTES, TRUNCATED, WRONG_LENGTH_FIELD, FLIPPED_BYTE, RANDOM_ATTRIBUTES }

    @TempDir
    Path dir;

    @Test
    void tenThousandBrokenDatagramsAreDroppedAndCountedAndAValidRequestIsStillAccepted() throws Exception {
        Random random = new Random(SEED);
        Map<Kind, Integer> sent = new EnumMap<>(Kind.class);
        try (RunningServer server = RunningServer.start(dir);
                DatagramSocket nas = new DatagramSocket(new InetSocketAddress(RunningServer.LOOPBACK, 0))) {
            String password = PIN + RunningServer.code(0);
            for (int i = 0; i < DATAGRAMS; i++) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                byte[] datagram = broken(kind, random, password);
                sent.merge(kind, 1, Integer::sum);
                nas.send(new DatagramPacket(datagram, datagram.length, server.address()));
                if ((i + 1) % BATCH == 0 || i + 1 == DATAGRAMS) {
                    long expected = i + 1;
                    RunningServer.awaitTrue(() -> received(server) == expected,
                            expected + " datagrams to be received (seed " + SEED + "), counters " + server.counters().snapshot());
                }
            }
            RunningServer.awaitTrue(() -> server.counter("requests") == finished(server),
                    "the workers to finish (seed " + SEED + "), counters " + server.counters().snapshot());

            Map<String, Long> afterFuzz = server.counters().snapshot();
            assertThat(afterFuzz).describedAs("counters after the fuzz, seed %d, sent %s", SEED, sent)
                    .containsEntry("accepts", 0L)
                    .containsEntry("rejects", 0L)
                    .containsEntry("challenges", 0L)
                    .containsEntry("status_server", 0L)
                    .containsEntry("errors", 0L)
                    .containsEntry("dropped_unknown_client", 0L);
            assertThat(afterFuzz.get("dropped_malformed")).describedAs("malformed drops; sent %s", sent)
                    .isGreaterThanOrEqualTo(sent.get(Kind.TRUNCATED).longValue());
            assertThat(afterFuzz.get("dropped_bad_authenticator")).describedAs("bad Message-Authenticator drops")
                    .isPositive();
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED)).isEmpty();

            nas.setSoTimeout(10_000);
            byte[] valid = WireRequest.accessRequest(SECRET, random, USER, password);
            nas.send(new DatagramPacket(valid, valid.length, server.address()));
            byte[] buffer = new byte[4096];
            nas.receive(new DatagramPacket(buffer, buffer.length));

            assertThat(buffer[0]).describedAs("code of the answer to the valid request")
                    .isEqualTo((byte) WireRequest.ACCESS_ACCEPT);
            assertThat(server.counter("accepts")).isEqualTo(1);
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(1);
        }
    }

    /** Datagrams the event loop has classified: dropped before a worker, or passed on as requests. */
    private static long received(RunningServer server) {
        return server.counter("requests") + server.counter("dropped_unknown_client")
                + server.counter("dropped_malformed") + server.counter("dropped_unsupported");
    }

    /** Requests whose fate is decided: every way out of the worker, or a duplicate never handed on. */
    private static long finished(RunningServer server) {
        return server.counter("duplicates") + server.counter("dropped_bad_authenticator")
                + server.counter("dropped_no_message_authenticator") + server.counter("dropped_overload")
                + server.counter("status_server") + server.counter("accepts") + server.counter("rejects")
                + server.counter("challenges") + server.counter("errors");
    }

    private static byte[] broken(Kind kind, Random random, String password) {
        byte[] valid = WireRequest.accessRequest(SECRET, random, USER, password);
        switch (kind) {
            case RANDOM_BYTES -> {
                // Mostly short, sometimes up to the RADIUS maximum; zero bytes included.
                byte[] bytes = new byte[random.nextInt(20) == 0 ? random.nextInt(4097) : random.nextInt(120)];
                random.nextBytes(bytes);
                return bytes;
            }
            case TRUNCATED -> {
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case WRONG_LENGTH_FIELD -> {
                int length;
                do {
                    length = random.nextInt(65536);
                } while (length == valid.length);
                valid[2] = (byte) (length >> 8);
                valid[3] = (byte) length;
                return valid;
            }
            case FLIPPED_BYTE -> {
                valid[random.nextInt(valid.length)] ^= (byte) (1 + random.nextInt(255));
                return valid;
            }
            case RANDOM_ATTRIBUTES -> {
                byte[] attributes = new byte[1 + random.nextInt(200)];
                random.nextBytes(attributes);
                byte[] packet = Arrays.copyOf(valid, 20 + attributes.length);
                System.arraycopy(attributes, 0, packet, 20, attributes.length);
                packet[2] = (byte) (packet.length >> 8);
                packet[3] = (byte) packet.length;
                return packet;
            }
            default -> throw new AssertionError(kind);
        }
    }
}
