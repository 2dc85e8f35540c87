package org.keyfob.oath.verify;

import java.time.Instant;
import org.keyfob.oath.engine.YubicoDecode;
import org.keyfob.oath.engine.YubicoOtp;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.verify.Verification.Reason;

/**
 * Yubico OTP: the OTP must decrypt under the token's key with a good checksum and private
 * identity, and its use/session counter must be above the last one accepted (the stored counter
 * is one past it). There is no window: every OTP the key emits counts up.
 */
final class YubicoRules {
    private final Outcomes outcomes;

    YubicoRules(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    Verification verify(Token token, String otp, TokenState state, Instant now) {
        YubicoDecode decoded = YubicoOtp.decode(otp, token.seed());
        if (decoded instanceof YubicoDecode.Invalid invalid) {
            Reason reason = invalid.reason() == YubicoDecode.Reason.MALFORMED ? Reason.MALFORMED : Reason.NO_MATCH;
            return outcomes.failed(reason, state, now);
        }
        if (decoded instanceof YubicoDecode.Valid valid) {
            long factor = valid.payload().monotonicCounter();
            if (factor < state.counter()) {
                return outcomes.failed(Reason.REPLAY, state, now);
            }
            return outcomes.accepted(state, factor, factor - state.counter(), 0, now);
        }
        throw new AssertionError(decoded);
    }
}
