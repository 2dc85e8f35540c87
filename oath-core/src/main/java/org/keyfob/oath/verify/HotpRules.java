package org.keyfob.oath.verify;

import java.time.Instant;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Reason;

/**
 * RFC 4226 §7.2 and §7.4 for event tokens. With stored counter c and look-ahead L: a code at
 * c..c+L is accepted and the counter becomes one past it; the code at c-1 (the one just used) is a
 * replay; a code at c+L+1..c+S (sync window S) waits for its successor (auto-resync).
 */
final class HotpRules {
    private final OtpPolicy policy;
    private final Outcomes outcomes;

    HotpRules(OtpPolicy policy, Outcomes outcomes) {
        this.policy = policy;
        this.outcomes = outcomes;
    }

    Verification verify(CodeMatcher code, TokenState state, Instant now) {
        long c = state.counter();
        if (state.pending().isPresent()) {
            PendingResync p = state.pending().get();
            boolean fresh = now.isBefore(p.seenAt().plus(policy.pendingLifetime()));
            if (fresh && p.factor() >= c && code.matches(p.factor() + 1)) {
                return outcomes.accepted(state, p.factor() + 1, p.factor() + 1 - c, 0, now);
            }
        }
        for (long f = c; f <= c + policy.hotpLookAhead(); f++) {
            if (code.matches(f)) {
                return outcomes.accepted(state, f, f - c, 0, now);
            }
        }
        if (code.matches(c - 1)) {
            return outcomes.failed(Reason.REPLAY, state, now);
        }
        if (policy.autoResync()) {
            for (long f = c + policy.hotpLookAhead() + 1; f <= c + policy.hotpSyncWindow(); f++) {
                if (code.matches(f)) {
                    return outcomes.pending(state, f, now);
                }
            }
        }
        return outcomes.failed(Reason.NO_MATCH, state, now);
    }
}
