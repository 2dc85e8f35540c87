package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.SECRET;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * An OCRA login through pyrad, where the Python script plays the token: it reads the question
 * from the Reply-Message and computes the RFC 6287 response itself
 * ({@code pyrad/ocra_round_trip.py}), so the server is checked against an independent OCRA.
 */
class PyradOcraTest {
    private static final String USER = "carol";
    private static final String PIN = "2468";
    private static final Serial SERIAL = new Serial("E2E-OCRA-1");
    /** Not an RFC key, so no response is guessable from the RFC's tables. */
    private static final String SEED_HEX = "5c0e9b27a4d8f1036e7b2c95d0a4f8e1b3c67a29";

    @TempDir
    Path dir;

    @Test
    @DisplayName("RFC 6287 §7.1 over RFC 2865 §4.4: the question in the Reply-Message, the response with the"
            + " State is accepted once, a wrong response is refused")
    void tokenAnswersTheQuestionInTheReplyMessage() throws Exception {
        Pyrad.assumeInstalled();

        // The client is in the default PIN+code mode: an OCRA token is challenged in every mode.
        try (RunningServer server = RunningServer.start(dir)) {
            Actor admin = Actor.admin("e2e-test");
            server.store().users().add(USER, Optional.of(new PinHasher(1_000).hash(PIN)), admin);
            Token token = new Token(SERIAL, TokenSpec.ocra("OCRA-1:HOTP-SHA1-6:QN08", HashAlgorithm.SHA1, 6),
                    Seed.of(HexFormat.of().parseHex(SEED_HEX)), TokenStatus.VALID, TokenState.initial(0));
            server.store().tokens().addAll(List.of(new NewToken(token, TokenDetails.NONE)), admin);
            server.store().tokens().assign(SERIAL, USER, AssignmentLimits.ONE_TO_ONE, admin);

            Map<String, String> facts = Pyrad.run("ocra_round_trip.py", "127.0.0.1", Integer.toString(server.port()), SECRET, USER, PIN,
                    SEED_HEX);

            assertThat(facts).containsEntry("first", "Access-Challenge")
                    .containsKey("first.state")
                    .containsEntry("second", "Access-Accept")
                    .containsEntry("third", "Access-Reject")
                    .containsEntry("fourth", "Access-Challenge")
                    .containsEntry("fifth", "Access-Reject");
            assertThat(facts.get("first.question")).matches("[0-9]{8}");
            assertThat(facts.get("first.reply-message"))
                    .isEqualTo("Challenge: " + facts.get("first.question") + " - enter the response from your token");
            assertThat(server.counter("challenges")).isEqualTo(2);
            assertThat(server.counter("accepts")).isEqualTo(1);
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_SUCCEEDED)).hasSize(1);
            assertThat(server.auditDetails(AuditEventType.E_LOGIN_FAILED))
                    .containsExactly("reason=CHALLENGE_EXPIRED", "reason=NO_MATCH");
        }
    }
}
