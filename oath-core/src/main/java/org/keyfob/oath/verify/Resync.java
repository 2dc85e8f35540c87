package org.keyfob.oath.verify;

import java.time.Instant;
import java.util.List;
import org.keyfob.oath.engine.Hmac;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Accepted;
import org.keyfob.oath.verify.Verification.Reason;
import org.keyfob.oath.verify.Verification.Rejected;

/**
 * Admin resynchronisation (RFC 4226 §7.4): two or three consecutive codes from the token are
 * searched for far beyond the look-ahead window. A token never used gets the much wider
 * first-use window, for tokens whose counter was advanced in the factory or the drawer.
 *
 * <p>HOTP searches counters from the stored counter forward; TOTP searches time steps either
 * side of now and learns the drift. On success the token is unlocked and its counter set past the
 * last code, so none of the codes can be used again.
 */
public final class Resync {
    private final OtpPolicy policy;

    public Resync(OtpPolicy policy) {
        this.policy = policy;
    }

    /** Resynchronises {@code token} from {@code codes}, the consecutive codes it showed last. */
    public Verification resync(Token token, List<String> codes, Instant now) {
        if (codes.size() < 2 || codes.size() > 3) {
            throw new IllegalArgumentException("resync takes 2 or 3 consecutive codes, got " + codes.size());
        }
        TokenSpec spec = token.spec();
        TokenState state = token.state();
        if (codes.stream().anyMatch(c -> !CodeMatcher.isCode(c, spec.digits()))) {
            return new Rejected(Reason.MALFORMED, state);
        }
        Hmac hmac = Hmac.keyed(spec.algorithm(), token.seed());
        List<CodeMatcher> matchers = codes.stream()
                .map(c -> new CodeMatcher(hmac, spec.digits(), c)).toList();
        int reach = state.lastAccepted().isEmpty() ? policy.firstUseResyncWindow() : policy.resyncWindow();
        boolean timeBased = switch (spec.kind()) {
            case HOTP -> false;
            case TOTP -> true;
            case OCRA, YUBICO -> throw new IllegalArgumentException(
                    "token " + token.serial() + " is " + spec.kind() + "; only HOTP and TOTP tokens resync");
        };
        long current = timeBased ? Totp.step(now, spec.step(), spec.t0()) : 0;
        long from = timeBased ? Math.max(state.counter(), current - reach) : state.counter();
        long to = timeBased ? current + reach : state.counter() + reach;
        for (long f = from; f <= to; f++) {
            if (matchesFrom(matchers, f)) {
                long last = f + matchers.size() - 1;
                int drift = timeBased ? Math.toIntExact(last - current) : 0;
                return new Accepted(state.accepted(last, drift, now), last, f - state.counter());
            }
        }
        return new Rejected(Reason.NO_MATCH, state);
    }

    private static boolean matchesFrom(List<CodeMatcher> codes, long f) {
        for (int i = 0; i < codes.size(); i++) {
            if (!codes.get(i).matches(f + i)) {
                return false;
            }
        }
        return true;
    }
}
