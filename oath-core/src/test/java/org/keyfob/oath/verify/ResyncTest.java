package org.keyfob.oath.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.verify.TestTokens.NOW;
import static org.keyfob.oath.verify.TestTokens.hotp;
import static org.keyfob.oath.verify.TestTokens.hotpCode;
import static org.keyfob.oath.verify.TestTokens.totp;
import static org.keyfob.oath.verify.TestTokens.totpCode;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

@DisplayName("RFC 4226 §7.4: admin resync with consecutive codes")
class ResyncTest {
    private final Resync resync = new Resync(OtpPolicy.DEFAULT);
    private final Verifier verifier = new Verifier(OtpPolicy.DEFAULT);

    /** A token that has been used once, at counter 0, so the normal resync window applies. */
    private Token usedHotp() {
        return hotp(0).withState(verifier.verify(hotp(0), hotpCode(0), NOW).next());
    }

    @Test
    void twoConsecutiveCodesFarAheadMoveTheCounterPastThem() {
        Verification v = resync.resync(usedHotp(), List.of(hotpCode(500), hotpCode(501)), NOW);

        assertThat(v).isInstanceOf(Accepted.class);
        assertThat(v.next().counter()).isEqualTo(502);
        assertThat(verifier.verify(usedHotp().withState(v.next()), hotpCode(501), NOW)).isInstanceOf(Rejected.class);
        assertThat(verifier.verify(usedHotp().withState(v.next()), hotpCode(502), NOW)).isInstanceOf(Accepted.class);
    }

    @Test
    void threeConsecutiveCodesAsOneSpanAsksForThem() {
        Verification v = resync.resync(usedHotp(), List.of(hotpCode(900), hotpCode(901), hotpCode(902)), NOW);

        assertThat(v.next().counter()).isEqualTo(903);
    }

    @Test
    void codesThatAreNotConsecutiveAreRefused() {
        Token token = usedHotp();
        Verification v = resync.resync(token, List.of(hotpCode(500), hotpCode(502)), NOW);

        assertThat(v).isEqualTo(new Rejected(Reason.NO_MATCH, token.state()));
    }

    @Test
    void aUsedTokenIsOnlySearchedAThousandCountersAhead() {
        assertThat(resync.resync(usedHotp(), List.of(hotpCode(1_002), hotpCode(1_003)), NOW))
                .isInstanceOf(Rejected.class);
    }

    @Test
    @DisplayName("a token never used gets the wide first-use window (OneSpan's first-use sync)")
    void aNewTokenIsSearchedMuchFurther() {
        Verification v = resync.resync(hotp(0), List.of(hotpCode(123_456), hotpCode(123_457)), NOW);

        assertThat(v).isInstanceOf(Accepted.class);
        assertThat(v.next().counter()).isEqualTo(123_458);
    }

    @Test
    void successUnlocksTheToken() {
        Token token = usedHotp();
        String wrong = TestTokens.wrongHotpCode(0, 100);
        for (int i = 0; i < 10; i++) {
            token = token.withState(verifier.verify(token, wrong, NOW).next());
        }
        Verification v = resync.resync(token, List.of(hotpCode(40), hotpCode(41)), NOW);

        assertThat(token.state().lock().isLocked(NOW)).isTrue();
        assertThat(v.next().lock().isLocked(NOW)).isFalse();
    }

    @Test
    void totpTokenTwoHoursSlowLearnsItsDrift() {
        Instant tokenClock = NOW.minusSeconds(7_200);
        Verification v = resync.resync(totp(),
                List.of(totpCode(tokenClock.minusSeconds(30)), totpCode(tokenClock)), NOW);

        assertThat(v).isInstanceOf(Accepted.class);
        assertThat(v.next().drift()).isEqualTo(-240);
        Instant later = NOW.plusSeconds(600);
        assertThat(verifier.verify(totp().withState(v.next()), totpCode(later.minusSeconds(7_200)), later))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void malformedCodesAreRefusedWithoutSearching() {
        Verification v = resync.resync(usedHotp(), List.of("12345", hotpCode(5)), NOW);

        assertThat(v).isInstanceOf(Rejected.class);
        assertThat(((Rejected) v).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void needsTwoOrThreeCodes() {
        assertThatThrownBy(() -> resync.resync(usedHotp(), List.of(hotpCode(1)), NOW))
                .hasMessage("resync takes 2 or 3 consecutive codes, got 1");
    }
}
