package org.keyfob.oath.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.verify.ChapResponse;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;

/**
 * Verifies a code and stores the outcome, safely under concurrency: the new state is written with
 * a compare-and-set on the version that was read, and if another writer (a thread, or a second
 * server on the same store) changed the token first, the code is verified again on the fresh
 * state. So of any number of concurrent requests carrying one code, exactly one is accepted.
 * The write is committed before this returns, so the caller answers only after it is durable.
 */
public final class TokenCheck {
    /** Each retry means another writer succeeded, so this bounds only pathological contention. */
    private static final int MAX_ATTEMPTS = 1_000;

    private final TokenStore tokens;
    private final Verifier verifier;

    public TokenCheck(TokenStore tokens, Verifier verifier) {
        this.tokens = tokens;
        this.verifier = verifier;
    }

    /**
     * Checks {@code code} starting from {@code read}, a token as read from the store. If the code
     * is accepted, {@code success} (the user's cleared lock and the audit row) is stored in the
     * same transaction as the token's new state: one commit, which the store may share with
     * concurrent logins. Any other outcome stores only the token's new state, if it changed.
     */
    public Verification check(StoredToken read, String code, Instant now, LoginSuccess success) {
        return check(read, token -> verifier.verify(token, code, now), Optional.of(success));
    }

    /**
     * Checks {@code code} for an admin's test of the token (the consoles' Verify button), not a
     * user's login: an accepted code is used up like any other, but no user row is touched.
     */
    public Verification check(StoredToken read, String code, Instant now) {
        return check(read, token -> verifier.verify(token, code, now), Optional.empty());
    }

    /**
     * Checks a CHAP login (RFC 2865 §5.3) starting from {@code read}; accepted once, like a code,
     * with {@code success} stored in the same transaction as the token's new state.
     */
    public Verification checkChap(StoredToken read, ChapResponse chap, Instant now, LoginSuccess success) {
        return check(read, token -> verifier.verifyChap(token, chap, now), Optional.of(success));
    }

    /**
     * Checks {@code response}, an OCRA token's answer to {@code question}, starting from
     * {@code read}; on a lost race the response is checked again on the fresh state, so a
     * counter or time step is accepted once.
     */
    public Verification checkOcra(StoredToken read, String question, String response, Instant now,
            LoginSuccess success) {
        return check(read, token -> verifier.verifyOcra(token, question, response, now), Optional.of(success));
    }

    /** {@code success} is empty for an admin's test, which touches no user row. */
    private Verification check(StoredToken read, Function<Token, Verification> verify,
            Optional<LoginSuccess> success) {
        StoredToken current = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Verification v = verify.apply(current.token());
            boolean accepted = v instanceof Verification.Accepted;
            // An accept must be stored even if the token's state is unchanged (an OCRA suite with
            // neither counter nor time, accepted twice at one instant): it writes the audit row
            // and clears the user's failures, and its compare-and-set catches a concurrent change.
            if (!accepted && v.next().equals(current.token().state())) {
                return v;
            }
            Serial serial = current.token().serial();
            boolean stored = accepted && success.isPresent()
                    ? tokens.compareAndSetAccepted(serial, current.version(), v.next(), success.get())
                    : tokens.compareAndSetState(serial, current.version(), v.next());
            if (stored) {
                return v;
            }
            Optional<StoredToken> fresh = tokens.find(serial);
            if (fresh.isEmpty()) {
                throw new StoreException("token " + serial + " was deleted while a code was being checked");
            }
            current = fresh.get();
        }
        throw new StoreException("token " + current.token().serial() + " changed " + MAX_ATTEMPTS
                + " times while one code was checked; is something rewriting it in a loop?");
    }
}
