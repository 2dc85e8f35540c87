package org.keyfob.oath.provision.pskc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Checks one {@link RawKeyPackage} and builds its token (RFC 6030 §4). Every problem goes into
 * the package's list, so an admin sees them all; only fatal ones (a wrong key) are thrown.
 * Defaults: HMAC-SHA1 without a Suite, 6 digits without ResponseFormat, 30 s without TimeInterval.
 * Data/Time is read as T0 in Unix seconds, as writers such as python-pskc use it.
 */
final class TokenMapper {
    private final ValueReader values;

    TokenMapper(ValueDecryptor decryptor) {
        this.values = new ValueReader(decryptor);
    }

    /** The token, or empty for a PIN key or when the package has problems. */
    Optional<ImportedToken> map(RawKeyPackage raw, String origin) throws PskcError {
        Optional<PskcAlgorithm> algorithm = attempt(raw, () -> algorithm(raw));
        if (algorithm.isPresent() && algorithm.get().kind().isEmpty()) {
            return Optional.empty();
        }
        Optional<Serial> serial = attempt(raw, () -> serial(raw));
        Optional<TokenKind> kind = algorithm.flatMap(PskcAlgorithm::kind);
        Optional<OcraSuite> suite = kind.filter(k -> k == TokenKind.OCRA).isPresent()
                ? attempt(raw, () -> ocraSuite(raw, algorithm.get())) : Optional.empty();
        Optional<TokenSpec> spec = kind.isEmpty() ? Optional.empty() : attempt(raw, () -> spec(raw, kind.get(), suite));
        Optional<Seed> seed = attempt(raw, () -> values.secret(raw.secret.orElseThrow(() -> new PskcError("Data/Secret",
                "is missing; keys derived from a master key (KeyReference) "
                        + "are not supported, the file must carry each secret"))));
        Optional<TokenState> state = attempt(raw, () -> state(raw, kind.orElse(TokenKind.HOTP)));
        Optional<TokenStatus> status = attempt(raw, () -> status(raw));
        // The key is usable only while both the device (DeviceInfo) and the key (Policy) are valid.
        Optional<Instant> from = pick(attempt(raw, () -> date(raw.startDate, "Policy/StartDate")),
                attempt(raw, () -> date(raw.deviceStartDate, "DeviceInfo/StartDate")), true);
        Optional<Instant> until = pick(attempt(raw, () -> date(raw.expiryDate, "Policy/ExpiryDate")),
                attempt(raw, () -> date(raw.deviceExpiryDate, "DeviceInfo/ExpiryDate")), false);
        if (!raw.problems.isEmpty() || serial.isEmpty() || spec.isEmpty() || seed.isEmpty() || state.isEmpty()
                || status.isEmpty()) {
            seed.ifPresent(Seed::destroy);
            return Optional.empty();
        }
        Token token = new Token(serial.get(), spec.get(), seed.get(), status.get(), state.get());
        TokenDetails details = new TokenDetails(raw.manufacturer, raw.model, raw.issuer);
        return Optional.of(new ImportedToken(token, details, Optional.empty(), from, until, origin,
                suite.map(OcraSuite::toString)));
    }

    private static PskcAlgorithm algorithm(RawKeyPackage raw) throws PskcError {
        String uri = raw.algorithm.orElseThrow(() -> new PskcError("Key@Algorithm",
                "is missing; expected one of " + PskcAlgorithm.accepted()));
        return PskcAlgorithm.of(uri).orElseThrow(() -> new PskcError("Key@Algorithm",
                "\"" + uri + "\" is not supported; expected one of " + PskcAlgorithm.accepted()));
    }

    private static Serial serial(RawKeyPackage raw) throws PskcError {
        String text = raw.serial().orElseThrow(() -> new PskcError("DeviceInfo/SerialNo",
                "is missing and Key has no Id, so the token has no serial"));
        try {
            return new Serial(text);
        } catch (IllegalArgumentException e) {
            throw new PskcError(raw.serialNo.isPresent() ? "DeviceInfo/SerialNo" : "Key@Id", e.getMessage());
        }
    }

    private static OcraSuite ocraSuite(RawKeyPackage raw, PskcAlgorithm algorithm) throws PskcError {
        if (algorithm.embeddedSuite().isPresent() && raw.suite.isPresent()
                && !algorithm.embeddedSuite().get().equals(raw.suite.get())) {
            throw new PskcError("AlgorithmParameters/Suite", "\"" + raw.suite.get() + "\" differs from the suite in "
                    + "Key@Algorithm, \"" + algorithm.embeddedSuite().get() + "\"; which one applies is ambiguous");
        }
        String text = raw.suite.or(algorithm::embeddedSuite).orElseThrow(() -> new PskcError(
                "AlgorithmParameters/Suite", "is missing; an OCRA key needs its suite, e.g. OCRA-1:HOTP-SHA1-6:QN08"));
        try {
            return OcraSuite.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PskcError("AlgorithmParameters/Suite", e.getMessage());
        }
    }

    private TokenSpec spec(RawKeyPackage raw, TokenKind kind, Optional<OcraSuite> suite) throws PskcError {
        String lengthElement = "AlgorithmParameters/ResponseFormat@Length";
        if (raw.responseEncoding.isPresent() && !raw.responseEncoding.get().strip().equalsIgnoreCase("DECIMAL")) {
            throw new PskcError("AlgorithmParameters/ResponseFormat@Encoding", "\"" + raw.responseEncoding.get()
                    + "\" is not supported; Keyfob verifies DECIMAL codes only");
        }
        Optional<Integer> length = raw.responseLength.isEmpty() ? Optional.empty()
                : Optional.of(ValueReader.attributeInteger(raw.responseLength.get(), lengthElement, 0, 10));
        if (kind == TokenKind.OCRA) {
            OcraSuite ocra = suite.orElseThrow(() -> new PskcError("AlgorithmParameters/Suite", "has no valid suite"));
            if (length.isPresent() && length.get() != ocra.digits()) {
                throw new PskcError(lengthElement, length.get() + " differs from the suite's " + ocra.digits()
                        + " digits; which one applies is ambiguous");
            }
            return TokenSpec.ocra(ocra.toString(), ocra.algorithm(), ocra.digits());
        }
        HashAlgorithm hash = HashAlgorithm.SHA1;
        if (raw.suite.isPresent()) {
            try {
                hash = HashAlgorithm.parse(raw.suite.get().strip());
            } catch (IllegalArgumentException e) {
                throw new PskcError("AlgorithmParameters/Suite", e.getMessage());
            }
        }
        int digits = length.orElse(6);
        if (digits < 6 || digits > 8) {
            throw new PskcError(lengthElement, digits + " digits is not supported; HOTP and TOTP use 6, 7 or 8");
        }
        if (kind == TokenKind.HOTP) {
            return TokenSpec.hotp(hash, digits);
        }
        long step = raw.timeInterval.isEmpty() ? TokenSpec.DEFAULT_STEP.getSeconds()
                : values.integer(raw.timeInterval.get(), 1, TokenSpec.MAX_STEP.getSeconds());
        long t0 = raw.time.isEmpty() ? 0 : values.integer(raw.time.get(), 0, Long.MAX_VALUE / 2);
        return new TokenSpec(TokenKind.TOTP, hash, digits, Duration.ofSeconds(step), t0);
    }

    /** VALID unless a Keyfob export says otherwise ({@link PskcWriter#EXTENSION}). */
    private static TokenStatus status(RawKeyPackage raw) throws PskcError {
        if (raw.keyfobStatus.isEmpty()) {
            return TokenStatus.VALID;
        }
        try {
            return TokenStatus.valueOf(raw.keyfobStatus.get());
        } catch (IllegalArgumentException e) {
            throw new PskcError("Extensions/Status", "\"" + raw.keyfobStatus.get() + "\" is not one of "
                    + java.util.Arrays.toString(TokenStatus.values()));
        }
    }

    /**
     * For TOTP the counter is the next acceptable time step, which only a Keyfob export carries
     * (Extensions/NextTimeStep); a vendor's Counter on a TOTP key is not that and is ignored.
     */
    private TokenState state(RawKeyPackage raw, TokenKind kind) throws PskcError {
        long counter;
        if (kind == TokenKind.TOTP) {
            counter = raw.keyfobNextTimeStep.isEmpty() ? 0 : values.integer(new DataValue("Extensions/NextTimeStep",
                    raw.keyfobNextTimeStep, Optional.empty(), Optional.empty()), 0, Long.MAX_VALUE - 1);
        } else {
            counter = raw.counter.isEmpty() ? 0 : values.integer(raw.counter.get(), 0, Long.MAX_VALUE - 1);
        }
        int drift = raw.timeDrift.isEmpty() || kind != TokenKind.TOTP ? 0
                : (int) values.integer(raw.timeDrift.get(), -100_000, 100_000);
        return new TokenState(counter, drift, LockState.CLEAR, Optional.empty(), Optional.empty());
    }

    private static Instant date(Optional<String> text, String element) throws PskcError {
        return text.isEmpty() ? null : ValueReader.dateTime(text.get(), element);
    }

    /** Whichever is present; of two, the later ({@code later}) or the earlier one. */
    private static Optional<Instant> pick(Optional<Instant> a, Optional<Instant> b, boolean later) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return Optional.of(a.get().isAfter(b.get()) == later ? a.get() : b.get());
    }

    private interface Step<T> {
        T get() throws PskcError;
    }

    private static <T> Optional<T> attempt(RawKeyPackage raw, Step<T> step) throws PskcError {
        try {
            return Optional.ofNullable(step.get());
        } catch (PskcError e) {
            if (e.isFatal()) {
                throw e;
            }
            raw.problems.add(e);
            return Optional.empty();
        }
    }
}
