package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.server.radius.codec.PacketDecoder;
import org.keyfob.server.radius.codec.RadiusCrypto;
import org.keyfob.server.radius.codec.RadiusCrypto.MessageAuth;
import org.keyfob.server.radius.codec.RadiusPacket;

/**
 * A worker keeps its HmacMD5 keyed with the last secret it used; a request of a NAS with another
 * secret, or a NAS whose secret was changed, must be checked and signed with that secret.
 */
class SharedSecretChangeTest {
    private static final String FIRST = "first-shared-secret";
    private static final String SECOND = "second-shared-secret";

    @Test
    void messageAuthenticatorsAreCheckedWithTheSecretGivenEachTime() throws Exception {
        RadiusPacket request = PacketDecoder.decode(WireRequest.accessRequest(FIRST, new Random(1), "alice", "1234"));
        SharedSecret first = SharedSecret.of(FIRST);

        assertThat(RadiusCrypto.checkMessageAuthenticator(request, first)).isEqualTo(MessageAuth.VALID);
        assertThat(RadiusCrypto.checkMessageAuthenticator(request, SharedSecret.of(SECOND)))
                .isEqualTo(MessageAuth.INVALID);
        assertThat(RadiusCrypto.checkMessageAuthenticator(request, first)).isEqualTo(MessageAuth.VALID);
        assertThat(RadiusCrypto.checkMessageAuthenticator(request, SharedSecret.of(FIRST)))
                .describedAs("a new secret object with the same bytes").isEqualTo(MessageAuth.VALID);
    }

    @Test
    void answersAreSignedWithTheSecretGivenEachTime() throws Exception {
        RadiusPacket request = PacketDecoder.decode(WireRequest.accessRequest(FIRST, new Random(2), "alice", "1234"));
        RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_ACCEPT, request, List.of(), SharedSecret.of(FIRST));

        byte[] answer = RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_ACCEPT, request, List.of(),
                SharedSecret.of(SECOND));

        assertThat(Arrays.copyOfRange(answer, 4, 20))
                .isEqualTo(WireRequest.expectedResponseAuthenticator(answer, request.authenticator(), SECOND));
        assertThat(Arrays.copyOfRange(answer, 22, 38)).isEqualTo(WireRequest.expectedResponseMessageAuthenticator(
                answer, 22, request.authenticator(), SECOND));
    }
}
