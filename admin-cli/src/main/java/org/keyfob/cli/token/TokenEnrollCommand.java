package org.keyfob.cli.token;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.cli.support.TerminalQr;
import org.keyfob.oath.provision.OtpAuthUri;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob token enroll USER}: a software token for an authenticator app. The seed is drawn
 * from {@link SecureRandom}, as long as the hash's output (160 bits for SHA-1, RFC 4226 §4 R6),
 * stored encrypted and assigned to the user. This is the one place keyfob shows a seed, by design:
 * once, on the enrolling admin's standard output, as the otpauth URI and its QR code. It is never
 * logged nor put in the audit log.
 */
@Command(name = "enroll", description = {
    "Create a software token for USER (authenticator app): a random seed, stored encrypted and assigned to USER.",
    "Prints the otpauth:// URI and a QR code to scan. This is the only time keyfob shows a seed: only on this"
        + " terminal (standard output), never in a log or the audit log. Do not redirect it to a shared file."})
final class TokenEnrollCommand extends StoreCommand {
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Type { totp, hotp }

    @Parameters(paramLabel = "USER", description = "The user who scans the code; must exist and hold no token.")
    String user;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "totp (time-based) or hotp (counter).")
    Type type;

    @Option(names = "--digits", defaultValue = "6", paramLabel = "N", description = "Code length: 6 (default), 7 or 8.")
    int digits;

    @Option(names = "--algorithm", defaultValue = "SHA1", paramLabel = "HASH",
            description = "SHA1 (default; every app supports it), SHA256 or SHA512.")
    String algorithm;

    @Option(names = "--period", defaultValue = "30", paramLabel = "SECONDS", description = "TOTP time step (default 30).")
    int period;

    @Option(names = "--issuer", defaultValue = "Keyfob", paramLabel = "NAME",
            description = "Name the app shows above the account (default Keyfob).")
    String issuer;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "Serial to give the token (default: SW- and 8 random hex digits).")
    String serial;

    @Option(names = "--no-qr", description = "Print only the URI, not the QR code.")
    boolean noQr;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        if (store.users().find(user).isEmpty()) {
            throw new RefusedException("no user " + user + "; add it with 'keyfob user add " + user + "'");
        }
        if (!store.tokens().findByUser(user).isEmpty()) {
            throw new RefusedException(user + " already holds a token; unassign it first");
        }
        Token token = newToken(spec());
        if (store.tokens().find(token.serial()).isPresent()) {
            throw new RefusedException("serial " + token.serial().value() + " is in the store already; choose another");
        }
        store.tokens().addAll(List.of(new NewToken(token, new TokenDetails(Optional.of(issuer),
                Optional.of("software " + type), Optional.of(issuer)))), session.actor());
        Assignment result = store.tokens().assign(token.serial(), user, AssignmentLimits.ONE_TO_ONE, session.actor());
        if (result != Assignment.ASSIGNED) {
            store.tokens().delete(token.serial(), session.actor());
            throw new RefusedException("could not assign the new token to " + user + " (" + result
                    + "); nothing was enrolled");
        }
        String uri = OtpAuthUri.of(token, issuer, user);
        out.println("enrolled " + token.serial().value() + " (" + type.name().toUpperCase(java.util.Locale.ROOT) + "-"
                + token.spec().algorithm() + "-" + digits + ") for " + user
                + "; scan the code or type the URI into the authenticator app. It is shown only now.");
        out.println(uri);
        if (!noQr) {
            out.print(TerminalQr.draw(uri));
        }
        return 0;
    }

    private TokenSpec spec() throws RefusedException {
        try {
            HashAlgorithm hash = HashAlgorithm.parse(algorithm);
            return type == Type.totp ? TokenSpec.totp(hash, digits, Duration.ofSeconds(period))
                    : TokenSpec.hotp(hash, digits);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    private Token newToken(TokenSpec spec) {
        byte[] seed = new byte[spec.algorithm().outputBytes()];
        RANDOM.nextBytes(seed);
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        Serial s = new Serial(serial != null ? serial : "SW-" + HexFormat.of().withUpperCase().formatHex(suffix));
        Token token = new Token(s, spec, Seed.of(seed), TokenStatus.VALID, TokenState.initial(0));
        java.util.Arrays.fill(seed, (byte) 0);
        return token;
    }
}
