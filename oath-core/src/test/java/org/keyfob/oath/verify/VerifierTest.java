package org.keyfob.oath.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.verify.TestTokens.NOW;
import static org.keyfob.oath.verify.TestTokens.hotp;
import static org.keyfob.oath.verify.TestTokens.hotpCode;
import static org.keyfob.oath.verify.TestTokens.totp;
import static org.keyfob.oath.verify.TestTokens.totpCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.NeedsNextCode;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/**
 * The verification rules, one behaviour per test. Read top to bottom: HOTP windows, TOTP windows
 * and drift, auto-resync, then what every kind shares (status, lockout, malformed codes).
 */
class VerifierTest {
    private final Verifier verifier = new Verifier(OtpPolicy.DEFAULT);
    private final Verifier noAutoResync = new Verifier(OtpPolicy.DEFAULT.withAutoResync(false));

    @Nested
    @DisplayName("HOTP (RFC 4226 §7.2)")
    class HotpWindow {
        @Test
        @DisplayName("a code at every offset inside the look-ahead window is accepted exactly once")
        void everyOffsetInsideWindowIsAcceptedOnce() {
            for (int k = 0; k <= 10; k++) {
                Token token = hotp(1_000);
                Verification first = verifier.verify(token, hotpCode(1_000 + k), NOW);

                assertThat(first).describedAs("offset %d", k).isInstanceOf(Accepted.class);
                assertThat(((Accepted) first).offset()).isEqualTo(k);
                assertThat(first.next().counter()).isEqualTo(1_000 + k + 1);

                Verification again = verifier.verify(token.withState(first.next()), hotpCode(1_000 + k), NOW);
                assertThat(again).describedAs("offset %d replayed", k).isInstanceOf(Rejected.class)
                        .extracting(v -> ((Rejected) v).reason()).isEqualTo(Reason.REPLAY);
            }
        }

        @Test
        void codeJustBeyondTheWindowIsRejected() {
            Verification v = noAutoResync.verify(hotp(1_000), hotpCode(1_011), NOW);

            assertThat(v).isInstanceOf(Rejected.class);
            assertThat(((Rejected) v).reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(v.next().counter()).isEqualTo(1_000);
        }

        @Test
        void codeBelowTheCounterIsNeverAccepted() {
            assertThat(verifier.verify(hotp(1_000), hotpCode(999), NOW))
                    .isEqualTo(new Rejected(Reason.REPLAY, failedOnce(hotp(1_000))));
            assertThat(verifier.verify(hotp(1_000), hotpCode(990), NOW)).isInstanceOf(Rejected.class);
        }

        @Test
        void acceptingSkipsEveryCodeBeforeTheMatch() {
            Verification v = verifier.verify(hotp(0), hotpCode(5), NOW);
            Token after = hotp(0).withState(v.next());

            assertThat(verifier.verify(after, hotpCode(3), NOW)).isInstanceOf(Rejected.class);
            assertThat(verifier.verify(after, hotpCode(6), NOW)).isInstanceOf(Accepted.class);
        }

        @Test
        @DisplayName("property: random counters and offsets, a code is accepted once and only inside the window")
        void randomCountersAndOffsets() {
            Random random = new Random(4226);
            for (int round = 0; round < 300; round++) {
                long counter = random.nextInt(1_000_000);
                int offset = random.nextInt(25);
                Verification v = noAutoResync.verify(hotp(counter), hotpCode(counter + offset), NOW);
                if (offset <= 10) {
                    assertThat(v).describedAs("counter %d offset %d", counter, offset).isInstanceOf(Accepted.class);
                    assertThat(noAutoResync.verify(hotp(counter).withState(v.next()), hotpCode(counter + offset), NOW))
                            .isInstanceOf(Rejected.class);
                } else {
                    boolean collides = collidesWithWindow(counter, hotpCode(counter + offset));
                    assertThat(v).describedAs("counter %d offset %d", counter, offset)
                            .isInstanceOf(collides ? Accepted.class : Rejected.class);
                }
            }
        }

        /** Whether a code also appears inside [counter, counter + 10]: rare (about 1 in 90,000). */
        private boolean collidesWithWindow(long counter, String code) {
            for (long c = counter; c <= counter + 10; c++) {
                if (hotpCode(c).equals(code)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Nested
    @DisplayName("TOTP (RFC 6238 §5.2, §6)")
    class TotpWindow {
        @ParameterizedTest(name = "token clock {0} s off")
        @ValueSource(ints = {-30, 0, 30})
        void codesOneStepEitherSideAreAccepted(int skewSeconds) {
            Verification v = verifier.verify(totp(), totpCode(NOW.plusSeconds(skewSeconds)), NOW);

            assertThat(v).isInstanceOf(Accepted.class);
            assertThat(((Accepted) v).offset()).isEqualTo(skewSeconds / 30);
        }

        @ParameterizedTest(name = "token clock {0} s off")
        @ValueSource(ints = {-60, 60, 900})
        void codesFurtherOutAreRejected(int skewSeconds) {
            Verification v = noAutoResync.verify(totp(), totpCode(NOW.plusSeconds(skewSeconds)), NOW);

            assertThat(v).isInstanceOf(Rejected.class);
            assertThat(((Rejected) v).reason()).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void rejectsCodeAlreadyUsedInSameTimeStep() {
            Verification first = verifier.verify(totp(), totpCode(NOW), NOW);
            Verification second = verifier.verify(totp().withState(first.next()), totpCode(NOW), NOW.plusSeconds(5));

            assertThat(first).isInstanceOf(Accepted.class);
            assertThat(second).isInstanceOf(Rejected.class);
            assertThat(((Rejected) second).reason()).isEqualTo(Reason.REPLAY);
        }

        @Test
        void rejectsAnOlderCodeOnceALaterOneWasAccepted() {
            Verification later = verifier.verify(totp(), totpCode(NOW.plusSeconds(30)), NOW);
            Verification older = verifier.verify(totp().withState(later.next()), totpCode(NOW), NOW.plusSeconds(1));

            assertThat(older).isInstanceOf(Rejected.class);
            assertThat(((Rejected) older).reason()).isEqualTo(Reason.REPLAY);
        }

        @Test
        @DisplayName("drift: a token gaining a step a month keeps working for years, far beyond the ±1 window")
        void learnedDriftFollowsAWanderingClock() {
            Token token = totp();
            for (int month = 0; month < 36; month++) {
                Instant serverTime = NOW.plus(Duration.ofDays(30L * month));
                Instant tokenClock = serverTime.plusSeconds(30L * month);
                Verification v = noAutoResync.verify(token, totpCode(tokenClock), serverTime);

                assertThat(v).describedAs("month %d", month).isInstanceOf(Accepted.class);
                token = token.withState(v.next());
            }
            assertThat(token.state().drift()).isEqualTo(35);
        }

        @Test
        void stepsBeforeT0MatchNothing() {
            assertThat(verifier.verify(totp(), "000000", Instant.EPOCH.minusSeconds(3600)))
                    .isInstanceOf(Rejected.class);
        }
    }

    @Nested
    @DisplayName("auto-resync: a far code followed by the next one")
    class AutoResync {
        @Test
        void hotpFarCodeThenItsSuccessorResynchronises() {
            Verification far = verifier.verify(hotp(0), hotpCode(60), NOW);
            Verification next = verifier.verify(hotp(0).withState(far.next()), hotpCode(61), NOW.plusSeconds(10));

            assertThat(far).isInstanceOf(NeedsNextCode.class);
            assertThat(far.next().counter()).isZero();
            assertThat(next).isInstanceOf(Accepted.class);
            assertThat(next.next().counter()).isEqualTo(62);
            assertThat(next.next().pending()).isEmpty();
        }

        @Test
        void hotpFarCodeThenANonConsecutiveCodeIsNotAccepted() {
            Verification far = verifier.verify(hotp(0), hotpCode(60), NOW);
            Verification skip = verifier.verify(hotp(0).withState(far.next()), hotpCode(62), NOW);

            assertThat(skip).isNotInstanceOf(Accepted.class);
        }

        @Test
        void hotpSuccessorAfterThePendingLifetimeIsNotAccepted() {
            Verification far = verifier.verify(hotp(0), hotpCode(60), NOW);
            Verification late = verifier.verify(hotp(0).withState(far.next()), hotpCode(61), NOW.plusSeconds(301));

            assertThat(late).isNotInstanceOf(Accepted.class);
        }

        @Test
        void hotpCodeBeyondTheSyncWindowIsPlainlyRejected() {
            Verification v = verifier.verify(hotp(0), hotpCode(101), NOW);

            assertThat(v).isInstanceOf(Rejected.class);
            assertThat(v.next().pending()).isEmpty();
        }

        @Test
        void totpTokenFiveMinutesFastResynchronisesAndKeepsItsDrift() {
            Instant tokenClock = NOW.plusSeconds(300);
            Verification far = verifier.verify(totp(), totpCode(tokenClock), NOW);
            Token token = totp().withState(far.next());
            Verification next = verifier.verify(token, totpCode(tokenClock.plusSeconds(30)), NOW.plusSeconds(30));

            assertThat(far).isInstanceOf(NeedsNextCode.class);
            assertThat(next).isInstanceOf(Accepted.class);
            assertThat(next.next().drift()).isEqualTo(10);

            Instant later = NOW.plusSeconds(3600);
            Verification afterwards = verifier.verify(token.withState(next.next()), totpCode(later.plusSeconds(300)), later);
            assertThat(afterwards).isInstanceOf(Accepted.class);
        }
    }

    @Nested
    @DisplayName("what every token shares")
    class Shared {
        @ParameterizedTest
        @ValueSource(strings = {"REVOKED_LOST", "REVOKED_BROKEN", "REVOKED_OTHER"})
        void revokedTokenIsRejectedWithoutCountingAFailure(TokenStatus status) {
            Token t = hotp(0);
            Token revoked = new Token(t.serial(), t.spec(), t.seed(), status, t.state());

            assertThat(verifier.verify(revoked, hotpCode(0), NOW)).isEqualTo(new Rejected(Reason.REVOKED, t.state()));
        }

        @Test
        void disabledTokenIsRejected() {
            Token t = hotp(0);
            Token disabled = new Token(t.serial(), t.spec(), t.seed(), TokenStatus.DISABLED, t.state());

            assertThat(verifier.verify(disabled, hotpCode(0), NOW)).isEqualTo(new Rejected(Reason.DISABLED, t.state()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "12345", "1234567", "12a456", "１２３４５６", " 12345"})
        void malformedCodeIsRejectedAndCounted(String code) {
            Verification v = verifier.verify(hotp(0), code, NOW);

            assertThat(v).isInstanceOf(Rejected.class);
            assertThat(((Rejected) v).reason()).isEqualTo(Reason.MALFORMED);
            assertThat(v.next().lock().failures()).isEqualTo(1);
        }

        @Test
        void tenFailuresLockTheTokenForFifteenMinutes() {
            Token token = hotp(0);
            String wrong = TestTokens.wrongHotpCode(0, 100);
            for (int i = 0; i < 10; i++) {
                token = token.withState(verifier.verify(token, wrong, NOW).next());
            }

            assertThat(verifier.verify(token, hotpCode(0), NOW.plusSeconds(899)))
                    .isEqualTo(new Rejected(Reason.LOCKED, token.state()));
            assertThat(verifier.verify(token, hotpCode(0), NOW.plusSeconds(900))).isInstanceOf(Accepted.class);
        }

        @Test
        void aZeroLockPeriodLocksUntilAnAdminUnlocks() {
            Verifier strict = new Verifier(OtpPolicy.DEFAULT.withLockout(new LockoutPolicy(3, Duration.ZERO)));
            Token token = hotp(0);
            String wrong = TestTokens.wrongHotpCode(0, 100);
            for (int i = 0; i < 3; i++) {
                token = token.withState(strict.verify(token, wrong, NOW).next());
            }

            Verification yearLater = strict.verify(token, hotpCode(0), NOW.plus(Duration.ofDays(365)));
            assertThat(yearLater).isInstanceOf(Rejected.class);
            assertThat(((Rejected) yearLater).reason()).isEqualTo(Reason.LOCKED);
        }

        @Test
        void successClearsTheFailureCount() {
            Token token = hotp(0);
            String wrong = TestTokens.wrongHotpCode(0, 100);
            for (int i = 0; i < 9; i++) {
                token = token.withState(verifier.verify(token, wrong, NOW).next());
            }
            Verification ok = verifier.verify(token, hotpCode(0), NOW);

            assertThat(token.state().lock().failures()).isEqualTo(9);
            assertThat(ok.next().lock().failures()).isZero();
        }
    }

    private static org.keyfob.oath.token.TokenState failedOnce(Token token) {
        return token.state().withLock(LockoutPolicy.DEFAULT.afterFailure(token.state().lock(), NOW));
    }
}
