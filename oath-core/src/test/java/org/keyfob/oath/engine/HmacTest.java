package org.keyfob.oath.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

class HmacTest {

    @DisplayName("RFC 2104: same output as the JDK's Mac for every key length up to two blocks")
    @ParameterizedTest(name = "{0}")
    @EnumSource(HashAlgorithm.class)
    void agreesWithJdkMacForEveryKeyLength(HashAlgorithm algorithm) throws Exception {
        Random random = new Random(2104);
        for (int length = 1; length <= 2 * algorithm.blockBytes() + 1; length++) {
            byte[] key = new byte[length];
            random.nextBytes(key);
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            Mac jdk = Mac.getInstance(algorithm.jcaName());
            jdk.init(new SecretKeySpec(key, algorithm.jcaName()));

            Hmac ours = Hmac.keyed(algorithm, Seed.of(key));

            assertThat(ours.of(message)).describedAs("key length %d", length).isEqualTo(jdk.doFinal(message));
            assertThat(ours.of(message)).describedAs("reused, key length %d", length).isEqualTo(jdk.doFinal(message));
        }
    }
}
