package org.keyfob.oath.verify;

import java.time.Duration;
import java.time.Instant;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Reason;

/**
 * RFC 6238 §5.2 and §6 for time tokens. The window is centred on the current step plus the
 * token's learned drift; an accepted code re-centres it, so a token whose clock wanders keeps
 * working. A step below the stored counter (one past the last accepted step) is a replay.
 */
final class TotpRules {
    private final OtpPolicy policy;
    private final Outcomes outcomes;

    TotpRules(OtpPolicy policy, Outcomes outcomes) {
        this.policy = policy;
        this.outcomes = outcomes;
    }

    Verification verify(CodeMatcher code, TokenSpec spec, TokenState state, Instant now) {
        long current = Totp.step(now, spec.step(), spec.t0());
        long floor = state.counter();
        if (state.pending().isPresent()) {
            PendingResync p = state.pending().get();
            if (now.isBefore(p.seenAt().plus(policy.pendingLifetime()))) {
                long elapsed = Duration.between(p.seenAt(), now).getSeconds() / spec.step().getSeconds();
                for (long f = Math.max(p.factor() + 1, floor); f <= p.factor() + elapsed + 1; f++) {
                    if (code.matches(f)) {
                        return accept(state, f, current, now);
                    }
                }
            }
        }
        long centre = current + state.drift();
        boolean replayed = false;
        for (int k = 0; k <= policy.totpWindow(); k++) {
            for (long f : k == 0 ? new long[] {centre} : new long[] {centre - k, centre + k}) {
                if (code.matches(f)) {
                    if (f >= floor) {
                        return accept(state, f, current, now);
                    }
                    replayed = true;
                }
            }
        }
        if (replayed) {
            return outcomes.failed(Reason.REPLAY, state, now);
        }
        if (policy.autoResync()) {
            long reach = policy.totpSyncWindow().getSeconds() / spec.step().getSeconds();
            for (long k = policy.totpWindow() + 1; k <= reach; k++) {
                for (long f : new long[] {centre - k, centre + k}) {
                    if (f >= floor && code.matches(f)) {
                        return outcomes.pending(state, f, now);
                    }
                }
            }
        }
        return outcomes.failed(Reason.NO_MATCH, state, now);
    }

    private Verification accept(TokenState state, long step, long current, Instant now) {
        long offset = step - current;
        return outcomes.accepted(state, step, offset, Math.toIntExact(offset), now);
    }
}
