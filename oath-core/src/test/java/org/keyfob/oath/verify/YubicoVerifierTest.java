package org.keyfob.oath.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.engine.YubicoOtp;
import org.keyfob.oath.engine.YubicoOtpTestEncoder;
import org.keyfob.oath.engine.YubicoPayload;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/** Yubico OTP through the same Verifier: counters only go up, a used OTP never works again. */
class YubicoVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final byte[] KEY = HexFormat.of().parseHex("ecde18dbe76fbd0c33330f1c354871db");
    private static final byte[] PRIVATE_ID = HexFormat.of().parseHex("8792ebfe26cc");
    private static final String PUBLIC_ID = "vvccccbhjeci";

    private final Verifier verifier = new Verifier(OtpPolicy.DEFAULT);
    private final Token token = new Token(new Serial(PUBLIC_ID),
            new TokenSpec(TokenKind.YUBICO, HashAlgorithm.SHA1, 0, Duration.ofSeconds(30), 0),
            YubicoOtp.secret(KEY.clone(), PRIVATE_ID.clone()), TokenStatus.VALID, TokenState.initial(0));

    private static String otp(int useCounter, int sessionCounter) {
        return YubicoOtpTestEncoder.encode(KEY, PRIVATE_ID, PUBLIC_ID,
                new YubicoPayload(useCounter, false, 0x1234, sessionCounter, 0xbeef));
    }

    @Test
    void acceptsAFreshOtpAndStoresItsCounter() {
        Verification v = verifier.verify(token, otp(3, 7), NOW);

        assertThat(v).isInstanceOf(Accepted.class);
        assertThat(v.next().counter()).isEqualTo(3 * 256 + 7 + 1);
    }

    @Test
    void rejectsTheSameOtpTwiceAndAnyOlderOne() {
        Token used = token.withState(verifier.verify(token, otp(3, 7), NOW).next());

        assertThat(verifier.verify(used, otp(3, 7), NOW)).isInstanceOf(Rejected.class)
                .extracting(r -> ((Rejected) r).reason()).isEqualTo(Reason.REPLAY);
        assertThat(verifier.verify(used, otp(3, 6), NOW)).extracting(r -> ((Rejected) r).reason())
                .isEqualTo(Reason.REPLAY);
        assertThat(verifier.verify(used, otp(3, 8), NOW)).isInstanceOf(Accepted.class);
        assertThat(verifier.verify(used, otp(4, 0), NOW)).isInstanceOf(Accepted.class);
    }

    @Test
    void anOtpFromAnotherKeyIsNoMatchAndCounts() {
        String foreign = YubicoOtpTestEncoder.encode(new byte[16], PRIVATE_ID, PUBLIC_ID,
                new YubicoPayload(1, false, 0, 0, 0));

        Verification v = verifier.verify(token, foreign, NOW);

        assertThat(v).isEqualTo(new Rejected(Reason.NO_MATCH,
                token.state().withLock(LockoutPolicy.DEFAULT.afterFailure(token.state().lock(), NOW))));
    }

    @Test
    void somethingThatIsNotAnOtpIsMalformed() {
        assertThat(verifier.verify(token, "123456", NOW)).extracting(r -> ((Rejected) r).reason())
                .isEqualTo(Reason.MALFORMED);
    }
}
