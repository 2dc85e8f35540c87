package org.keyfob.server.radius;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyfob.oath.auth.AuthDecision;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.Login;
import org.keyfob.oath.auth.RejectReason;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Durability;
import org.keyfob.oath.store.UserStore;
import org.keyfob.oath.verify.ChapResponse;
import org.keyfob.oath.token.Serial;
import org.keyfob.server.radius.codec.Attribute;
import org.keyfob.server.radius.codec.RadiusCrypto;
import org.keyfob.server.radius.codec.RadiusCrypto.MessageAuth;
import org.keyfob.server.radius.codec.RadiusPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker half of answering one request: Message-Authenticator, then the login through the
 * {@link Authenticator} (which stores the outcome before returning), then the encoded answer; an
 * Access-Accept carries the user's reply attributes after its Message-Authenticator. Runs
 * on a worker thread, never on the event loop. Writes one line per authentication on logger
 * {@code keyfob.auth}, with no PIN, code or secret in it, once what the login wrote is on the disk.
 */
public final class RequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);
    private static final Logger authLog = LoggerFactory.getLogger("keyfob.auth");
    private static final String RESYNC_PROMPT = "Token out of sync: enter the next code from your token";
    /**
     * Proxy-State is echoed in the answer, which must stay within 4096 bytes beside its header,
     * Message-Authenticator and the largest reply this server sends (a Reply-Message of up to 200
     * characters and a 32-byte State); a request that leaves no such room is refused before the
     * login, so no code is used up for an answer that cannot be sent.
     */
    private static final int MAX_PROXY_STATE_BYTES = RadiusPacket.MAX_LENGTH - RadiusPacket.HEADER - 18 - 202 - 34;

    private final Authenticator authenticator;
    private final Clock clock;
    private final RadiusCounters counters;
    private final RateLimitedLog warnings = new RateLimitedLog(log, 60_000_000_000L);
    private final AcceptAttributes acceptAttributes;

    /**
     * @param users where the reply attributes of an accepted user are read
     * @param dictionary encodes them; one that lacks a stored name leaves that attribute out
     */
    public RequestProcessor(Authenticator authenticator, UserStore users, ReplyDictionary dictionary, Clock clock,
            RadiusCounters counters) {
        this.authenticator = authenticator;
        this.clock = clock;
        this.counters = counters;
        this.acceptAttributes = new AcceptAttributes(users, dictionary, counters, warnings);
    }

    /** The answer to send, or empty to drop the request (it failed an integrity check). */
    public Optional<byte[]> process(Nas nas, RadiusPacket request) {
        MDC.put("nas", nas.name());
        MDC.put("id", Integer.toString(request.identifier()));
        try {
            MessageAuth ma = RadiusCrypto.checkMessageAuthenticator(request, nas.secret());
            if (ma == MessageAuth.INVALID) {
                counters.droppedBadAuthenticator.increment();
                warnings.warn("bad-ma", "dropped a request from {}: its Message-Authenticator is wrong (shared"
                        + " secret mismatch, or the packet was altered)", nas.name());
                return Optional.empty();
            }
            if (ma == MessageAuth.ABSENT && (!nas.legacy() || request.code() == RadiusPacket.STATUS_SERVER)) {
                counters.droppedNoMessageAuthenticator.increment();
                warnings.warn("no-ma", "dropped a request from {} without Message-Authenticator (BlastRADIUS,"
                        + " CVE-2024-3596); configure the NAS to send it, or mark the client legacy", nas.name());
                return Optional.empty();
            }
            int proxyStateBytes = request.wireLength(Attribute.PROXY_STATE);
            if (proxyStateBytes > MAX_PROXY_STATE_BYTES) {
                counters.droppedMalformed.increment();
                warnings.warn("proxy-state", "dropped a request from {}: {} bytes of Proxy-State leave no room for"
                        + " an answer within 4096 bytes", nas.name(), proxyStateBytes);
                return Optional.empty();
            }
            if (request.code() == RadiusPacket.STATUS_SERVER) {
                counters.statusServer.increment();
                return Optional.of(RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_ACCEPT, request, List.of(),
                        nas.secret()));
            }
            return Optional.of(authenticate(nas, request));
        } finally {
            MDC.clear();
        }
    }

    private byte[] authenticate(Nas nas, RadiusPacket request) {
        long start = System.nanoTime();
        Optional<String> user = request.attribute(Attribute.USER_NAME).map(Attribute::asText);
        Optional<String> password = request.attribute(Attribute.USER_PASSWORD)
                .flatMap(p -> RadiusCrypto.decodePassword(p, request.authenticator(), nas.secret()));
        Optional<ChapResponse> chap = password.isEmpty() ? ChapRequest.from(request) : Optional.empty();
        if (user.isEmpty() || user.get().isEmpty() || (password.isEmpty() && chap.isEmpty())) {
            String why = request.attribute(Attribute.CHAP_PASSWORD).isPresent()
                    ? RadiusCounters.UNSUPPORTED_CHAP : RadiusCounters.NO_PAP_PASSWORD;
            answered(() -> counters.rejected(why), user.orElse(""), nas, "REJECT", why, Optional.empty(), start);
            return RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_REJECT, request, List.of(), nas.secret());
        }
        MDC.put("user", printable(user.get()));
        Optional<String> state = request.attribute(Attribute.STATE).map(Attribute::asText);
        Login login = chap.isPresent() ? Login.chap(user.get(), chap.get(), nas.passwordMode(), Actor.client(nas.name()))
                : new Login(user.get(), password.get(), state, nas.passwordMode(), Actor.client(nas.name()));
        AuthDecision decision = authenticator.authenticate(login, clock.instant());
        if (decision instanceof AuthDecision.Accept accept) {
            Optional<List<Attribute>> reply = acceptAttributes.forUser(user.get(), roomForReply(request));
            if (reply.isEmpty()) {
                // Filter-Id or Class may be what limits this user's access: without them, refuse.
                answered(() -> counters.rejected(RadiusCounters.REPLY_ATTRIBUTES_UNAVAILABLE), user.get(), nas,
                        "REJECT", RadiusCounters.REPLY_ATTRIBUTES_UNAVAILABLE, Optional.of(accept.serial()), start);
                return RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_REJECT, request, List.of(), nas.secret());
            }
            answered(counters.accepts::increment, user.get(), nas, "ACCEPT", "", Optional.of(accept.serial()), start);
            return RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_ACCEPT, request, reply.get(), nas.secret());
        }
        if (decision instanceof AuthDecision.Challenge challenge) {
            answered(counters.challenges::increment, user.get(), nas, "CHALLENGE", "", Optional.empty(), start);
            return RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_CHALLENGE, request, List.of(
                    Attribute.text(Attribute.REPLY_MESSAGE, challenge.prompt()),
                    new Attribute(Attribute.STATE, challenge.stateId().getBytes(StandardCharsets.US_ASCII))),
                    nas.secret());
        }
        if (decision instanceof AuthDecision.Reject reject) {
            if (reject.reason() == RejectReason.CHAP_NEEDS_OTP_MODE) {
                warnings.warn("chap-pin", "refused a CHAP login from {}: CHAP hides the password, so a PIN (kept"
                        + " only as a hash, or in a directory) cannot be checked; CHAP works only for clients in otp"
                        + " password mode and users without a PIN", nas.name());
            }
            answered(() -> counters.rejected(reject.reason().name()), user.get(), nas, "REJECT",
                    reject.reason().name(), reject.serial(), start);
            List<Attribute> attributes = reject.reason() == RejectReason.NEXT_CODE_NEEDED
                    ? List.of(Attribute.text(Attribute.REPLY_MESSAGE, RESYNC_PROMPT)) : List.of();
            return RadiusCrypto.encodeResponse(RadiusPacket.ACCESS_REJECT, request, attributes, nas.secret());
        }
        throw new AssertionError(decision);
    }

    /** What 4096 bytes leave beside the header, Message-Authenticator and the echoed Proxy-State. */
    private static int roomForReply(RadiusPacket request) {
        return RadiusPacket.MAX_LENGTH - RadiusPacket.HEADER - 18 - request.wireLength(Attribute.PROXY_STATE);
    }

    /**
     * Counts the answer ({@code count}) and writes its line once what the login wrote is on the
     * disk ({@link Durability#whenDurable}): a login whose write fails gets no answer, so neither.
     * The line's {@code ms} runs to that moment, and it carries this thread's MDC.
     */
    private static void answered(Runnable count, String user, Nas nas, String result, String reason,
            Optional<Serial> serial, long startNanos) {
        boolean logged = authLog.isInfoEnabled();
        Map<String, String> context = logged ? MDC.getCopyOfContextMap() : null; // null when empty
        Durability.whenDurable(() -> {
            count.run();
            if (logged) {
                Map<String, String> before = MDC.getCopyOfContextMap();
                MDC.setContextMap(context == null ? Map.of() : context);
                try {
                    logLine(user, nas, result, reason, serial, startNanos);
                } finally {
                    if (before == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(before);
                    }
                }
            }
        });
    }

    /**
     * The line, and the same fields as SLF4J key-value pairs, which the text layout leaves out and
     * the JSON encoder ({@code etc/logback-json.xml}) writes as fields of their own.
     */
    private static void logLine(String user, Nas nas, String result, String reason, Optional<Serial> serial,
            long startNanos) {
        String printableUser = printable(user);
        String serialText = serial.map(Serial::toString).orElse("");
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        authLog.atInfo()
                .addKeyValue("user", printableUser).addKeyValue("nas", nas.name()).addKeyValue("result", result)
                .addKeyValue("reason", reason).addKeyValue("serial", serialText).addKeyValue("ms", ms)
                .log("user={} nas={} result={}{}{} ms={}", printableUser, nas.name(), result,
                        reason.isEmpty() ? "" : " reason=" + reason, serialText.isEmpty() ? "" : " serial=" + serialText,
                        ms);
    }

    /** User names come from the network: no control characters or spaces reach a log line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            out.append(c <= ' ' || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
