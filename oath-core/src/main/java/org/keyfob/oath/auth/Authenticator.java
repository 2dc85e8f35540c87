package org.keyfob.oath.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyfob.oath.auth.AuthDecision.Accept;
import org.keyfob.oath.auth.AuthDecision.Challenge;
import org.keyfob.oath.auth.AuthDecision.Reject;
import org.keyfob.oath.auth.PasswordSplitter.Split;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.LoginSuccess;
import org.keyfob.oath.store.PendingChallenge;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.User;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenStatus;
import org.keyfob.oath.verify.OcraChallenges;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;

/**
 * Decides one login: user, PIN, then every token the user holds, with user-level lockout, the
 * challenge flow and an audit row per login. The RADIUS server and {@code keyfob check} both call
 * this, so a help-desk test runs exactly what the server runs.
 *
 * <p>A wrong PIN is refused before any code is checked, so it never consumes the code. A locked
 * user is refused before anything is checked.
 *
 * <p>A user holding a VALID OCRA token logs in by challenge in every password mode: the PIN alone
 * gets a fresh question in the Reply-Message, and the next request carries the State and the
 * token's response (RFC 6287 §7.1). The pending challenge names the token and the question.
 */
public final class Authenticator {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The Reply-Message of an OCRA challenge; ASCII only, as many NAS show nothing else. */
    private static final String OCRA_PROMPT = "Challenge: %s - enter the response from your token";

    private final Store store;
    private final TokenCheck tokenCheck;
    private final AuthPolicy policy;
    private final UserLockout lockout;
    private final FirstFactor firstFactor;

    /** With the PIN kept in the store ({@link LocalPin}) as the first factor. */
    public Authenticator(Store store, Verifier verifier, AuthPolicy policy) {
        this(store, verifier, policy, new LocalPin());
    }

    /** With {@code firstFactor} checking the PIN part, e.g. against a directory. */
    public Authenticator(Store store, Verifier verifier, AuthPolicy policy, FirstFactor firstFactor) {
        this.firstFactor = firstFactor;
        this.store = store;
        this.tokenCheck = new TokenCheck(store.tokens(), verifier);
        this.policy = policy;
        this.lockout = new UserLockout(store.users(), policy.userLockout());
    }

    public AuthDecision authenticate(Login login, Instant now) {
        Optional<User> found = store.users().find(login.user());
        if (found.isEmpty()) {
            return rejected(login, RejectReason.UNKNOWN_USER, Optional.empty(), now);
        }
        User user = found.get();
        if (user.lock().isLocked(now)) {
            return rejected(login, RejectReason.USER_LOCKED, Optional.empty(), now);
        }
        if (login.chap().isPresent()) {
            return checkChap(login, user, now);
        }
        if (login.state().isPresent()) {
            Optional<PendingChallenge> challenge = store.challenges().take(login.state().get(), now);
            if (challenge.isEmpty() || !challenge.get().user().equals(user.name())) {
                return failed(login, user, RejectReason.CHALLENGE_EXPIRED, Optional.empty(), now);
            }
            Optional<OcraPending> ocra = OcraPending.parse(challenge.get().data());
            if (ocra.isPresent()) {
                return checkOcraResponse(login, user, ocra.get(), now);
            }
            return checkTokens(login, user, store.tokens().findByUser(user.name()), PasswordMode.OTP, true, now);
        }
        List<StoredToken> tokens = store.tokens().findByUser(user.name());
        Optional<StoredToken> ocra = tokens.stream().filter(Authenticator::challengeable).findFirst();
        if (login.mode() == PasswordMode.CHALLENGE || ocra.isPresent()) {
            // An OCRA token answers only a question, so its holder logs in by challenge whatever
            // the mode; in the other modes a password that is not the PIN alone may still carry
            // a code for another of the user's tokens.
            FirstFactorResult pin = firstFactor.check(user, login.password(), login.client());
            if (pin instanceof FirstFactorResult.Passed) {
                return ocra.isPresent() ? ocraChallenge(user, ocra.get(), now) : plainChallenge(user, now);
            }
            RejectReason reason = ((FirstFactorResult.Failed) pin).reason();
            if (reason == RejectReason.DIRECTORY_UNAVAILABLE) {
                return rejected(login, reason, Optional.empty(), now);
            }
            if (login.mode() == PasswordMode.CHALLENGE || tokens.stream().allMatch(Authenticator::isOcra)) {
                return failed(login, user, reason, Optional.empty(), now);
            }
        }
        return checkTokens(login, user, tokens, login.mode(), false, now);
    }

    private AuthDecision plainChallenge(User user, Instant now) {
        String id = HexFormat.of().formatHex(randomBytes(16));
        store.challenges().put(new PendingChallenge(id, user.name(), now.plus(policy.challengeLifetime()), ""));
        return new Challenge(policy.challengePrompt(), id);
    }

    /** Asks {@code token} a fresh question in its suite's format; the answer comes with the State. */
    private AuthDecision ocraChallenge(User user, StoredToken token, Instant now) {
        String question = OcraChallenges.newQuestion(token.token(), RANDOM);
        String id = HexFormat.of().formatHex(randomBytes(16));
        OcraPending pending = new OcraPending(token.token().serial(), question);
        store.challenges().put(new PendingChallenge(id, user.name(), now.plus(policy.challengeLifetime()),
                pending.data()));
        return new Challenge(String.format(OCRA_PROMPT, question), id);
    }

    /** The second step of an OCRA login: the password is the token's response to the question. */
    private AuthDecision checkOcraResponse(Login login, User user, OcraPending pending, Instant now) {
        Optional<StoredToken> token = store.tokens().findByUser(user.name()).stream()
                .filter(t -> t.token().serial().equals(pending.serial())).findFirst();
        if (token.isEmpty()) {
            return failed(login, user, RejectReason.NO_TOKEN, Optional.of(pending.serial()), now);
        }
        Verification v = tokenCheck.checkOcra(token.get(), pending.question(), login.password(), now,
                success(login, user, pending.serial(), "ocra", now));
        if (v instanceof Verification.Accepted) {
            return new Accept(user.name(), pending.serial());
        }
        if (v instanceof Verification.Rejected r) {
            return failed(login, user, RejectReason.of(r.reason()), Optional.of(pending.serial()), now);
        }
        throw new AssertionError(v); // OCRA has no auto-resync, so never NeedsNextCode
    }

    private static boolean isOcra(StoredToken t) {
        return t.token().spec().kind() == TokenKind.OCRA;
    }

    /** A VALID OCRA token whose suite the server can check (no password hash or session input). */
    private static boolean challengeable(StoredToken t) {
        return isOcra(t) && t.token().status() == TokenStatus.VALID && OcraChallenges.canChallenge(t.token());
    }

    private AuthDecision checkTokens(Login login, User user, List<StoredToken> tokens, PasswordMode mode,
            boolean pinChecked, Instant now) {
        if (tokens.isEmpty()) {
            return failed(login, user, RejectReason.NO_TOKEN, Optional.empty(), now);
        }
        RejectReason worst = RejectReason.MALFORMED;
        Optional<Serial> worstSerial = Optional.empty();
        Map<String, FirstFactorResult> pinResults = new HashMap<>();
        for (StoredToken t : tokens) {
            Serial serial = t.token().serial();
            Optional<Split> split = t.token().spec().kind() == TokenKind.YUBICO
                    ? PasswordSplitter.splitYubico(login.password())
                    : PasswordSplitter.split(login.password(), mode, t.token().spec().digits());
            RejectReason reason;
            if (split.isEmpty() || t.token().spec().kind() == TokenKind.OCRA) {
                reason = RejectReason.MALFORMED;
            } else if (!pinChecked && pinResults.computeIfAbsent(split.get().pin(),
                    pin -> firstFactor.check(user, pin, login.client())) instanceof FirstFactorResult.Failed f) {
                if (f.reason() == RejectReason.DIRECTORY_UNAVAILABLE) {
                    // Not the user's fault: no lockout count, and no code is used up.
                    return rejected(login, f.reason(), Optional.empty(), now);
                }
                reason = f.reason();
            } else {
                Verification v = tokenCheck.check(t, split.get().code(), now, success(login, user, serial, "", now));
                if (v instanceof Verification.Accepted) {
                    return new Accept(user.name(), serial);
                }
                reason = v instanceof Verification.Rejected r ? RejectReason.of(r.reason())
                        : RejectReason.NEXT_CODE_NEEDED;
            }
            if (worstSerial.isEmpty() || reason.rank() > worst.rank()) {
                worst = reason;
                worstSerial = Optional.of(serial);
            }
        }
        return failed(login, user, worst, tokens.size() == 1 ? worstSerial : Optional.empty(), now);
    }

    /**
     * A CHAP login (RFC 2865 §5.3): only in {@code otp} mode, where there is no PIN part, and only
     * for a user whose first factor passes with an empty PIN (no local PIN). Each HOTP or TOTP
     * token's window is searched for the code whose CHAP response matches; an accept is stored
     * with the same compare-and-set as any code, so a replayed CHAP request is refused.
     */
    private AuthDecision checkChap(Login login, User user, Instant now) {
        if (login.mode() != PasswordMode.OTP) {
            return rejected(login, RejectReason.CHAP_NEEDS_OTP_MODE, Optional.empty(), now);
        }
        if (firstFactor.check(user, "", login.client()) instanceof FirstFactorResult.Failed f) {
            return f.reason() == RejectReason.DIRECTORY_UNAVAILABLE ? rejected(login, f.reason(), Optional.empty(), now)
                    : failed(login, user, RejectReason.CHAP_NEEDS_OTP_MODE, Optional.empty(), now);
        }
        List<StoredToken> tokens = store.tokens().findByUser(user.name()).stream()
                .filter(t -> t.token().spec().kind() == TokenKind.HOTP || t.token().spec().kind() == TokenKind.TOTP)
                .toList();
        if (tokens.isEmpty()) {
            return failed(login, user, RejectReason.NO_TOKEN, Optional.empty(), now);
        }
        RejectReason worst = RejectReason.MALFORMED;
        for (StoredToken t : tokens) {
            Serial serial = t.token().serial();
            Verification v = tokenCheck.checkChap(t, login.chap().orElseThrow(), now,
                    success(login, user, serial, "chap", now));
            if (v instanceof Verification.Accepted) {
                return new Accept(user.name(), serial);
            }
            RejectReason reason = v instanceof Verification.Rejected r ? RejectReason.of(r.reason())
                    : RejectReason.NEXT_CODE_NEEDED;
            worst = reason.rank() > worst.rank() ? reason : worst;
        }
        Optional<Serial> serial = tokens.size() == 1 ? Optional.of(tokens.get(0).token().serial()) : Optional.empty();
        return failed(login, user, worst, serial, now);
    }

    /**
     * What an accepted code writes with the token's new state, in one transaction: the user's
     * failures cleared, last success, and the audit row.
     */
    private static LoginSuccess success(Login login, User user, Serial serial, String detail, Instant now) {
        return new LoginSuccess(user.name(), now, new AuditEvent(now, AuditEventType.E_LOGIN_SUCCEEDED,
                login.client(), Optional.of(login.user()), Optional.of(serial), detail));
    }

    /** A refusal that counts toward the user's lockout. */
    private AuthDecision failed(Login login, User user, RejectReason reason, Optional<Serial> serial, Instant now) {
        if (lockout.failure(user, now)) {
            audit(now, AuditEventType.E_OTP_LOCKED, login, serial, "user locked after failed logins");
        }
        return rejected(login, reason, serial, now);
    }

    private AuthDecision rejected(Login login, RejectReason reason, Optional<Serial> serial, Instant now) {
        audit(now, AuditEventType.E_LOGIN_FAILED, login, serial, "reason=" + reason);
        return new Reject(reason, serial);
    }

    private void audit(Instant now, AuditEventType type, Login login, Optional<Serial> serial, String detail) {
        store.audit().record(new AuditEvent(now, type, login.client(), Optional.of(login.user()), serial, detail));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
