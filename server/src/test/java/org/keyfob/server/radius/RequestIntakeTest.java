package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.CidrBlock;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.auth.AuthPolicy;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.jdbi.JdbiStore;
import org.keyfob.oath.store.jdbi.MasterKeyFile;
import org.keyfob.oath.store.jdbi.StoreSettings;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;

class RequestIntakeTest {
    private static final String SECRET = "intake-test-secret";
    private static final InetSocketAddress NAS_ADDRESS = new InetSocketAddress(RunningServer.LOOPBACK, 40_000);

    @TempDir
    Path dir;

    @Test
    void requestsBeyondTheInFlightBoundAreDroppedAndCountedUntilOneIsAnswered() throws Exception {
        Clock clock = Clock.fixed(RunningServer.NOW, ZoneOffset.UTC);
        try (JdbiStore store = JdbiStore.open(StoreSettings.h2File(dir.resolve("data")),
                MasterKeyFile.loadOrCreate(dir.resolve("keyfob.key")), clock)) {
            RadiusCounters counters = new RadiusCounters();
            RequestProcessor processor = new RequestProcessor(new Authenticator(store,
                    new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT), store.users(), ReplyDictionary.standard(),
                    clock, counters);
            List<Runnable> held = new ArrayList<>();
            RequestIntake intake = new RequestIntake(processor, held::add, 2, counters);
            Nas nas = new Nas("vpn1", CidrBlock.parse("127.0.0.1/32"), SharedSecret.of(SECRET), PasswordMode.PIN_OTP,
                    false);
            DuplicateCache duplicates = new DuplicateCache(Duration.ofSeconds(30), 100);
            List<byte[]> sent = new CopyOnWriteArrayList<>();

            for (int id = 1; id <= 3; id++) {
                intake.receive(nas, request(id), NAS_ADDRESS, duplicates, sent::add);
            }
            assertThat(held).describedAs("requests handed to a worker").hasSize(2);
            assertThat(counters.droppedOverload.sum()).isEqualTo(1);

            held.get(0).run(); // an unknown user: rejected, answered, out of flight
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)[0]).describedAs("answer code").isEqualTo((byte) WireRequest.ACCESS_REJECT);
            intake.receive(nas, request(4), NAS_ADDRESS, duplicates, sent::add);
            assertThat(held).describedAs("requests handed to a worker, one answered since").hasSize(3);
            assertThat(counters.droppedOverload.sum()).isEqualTo(1);
            // The dropped one was forgotten, so its retransmission is worked on, not taken for a duplicate.
            intake.receive(nas, request(3), NAS_ADDRESS, duplicates, sent::add);
            assertThat(counters.droppedOverload.sum()).describedAs("dropped again: still two in flight").isEqualTo(2);
            assertThat(counters.duplicates.sum()).isZero();
        }
    }

    private static byte[] request(int identifier) {
        byte[] authenticator = new byte[16];
        authenticator[0] = (byte) identifier;
        return WireRequest.accessRequest(SECRET, identifier, authenticator, "nobody", "1234123456", new byte[0]);
    }
}
