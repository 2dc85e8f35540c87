package org.keyfob.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.oath.auth.AuthDecision;
import org.keyfob.oath.auth.AuthPolicy;
import org.keyfob.oath.auth.Authenticator;
import org.keyfob.oath.auth.Login;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyfob check USER}: the login the server would run, without RADIUS, for help-desk
 * testing. It is a real login: an accepted code is used up and a failure counts toward lockout.
 */
@Command(name = "check", description = "Run a real login for USER (PIN + code read from the terminal or standard"
        + " input) exactly as keyfobd would; an accepted code is used up.")
public final class CheckCommand extends StoreCommand {
    @Parameters(paramLabel = "USER", description = "The user who logs in.")
    String user;

    @Option(names = "--password-mode", defaultValue = "pin+otp", description = "pin+otp (default), otp+pin or otp.")
    String mode;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read PIN + code from FILE instead.")
    Path passwordFile;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        String password = SecretInput.read(passwordFile, "PIN and code");
        Authenticator authenticator = new Authenticator(store, new Verifier(OtpPolicy.DEFAULT), AuthPolicy.DEFAULT);
        AuthDecision d = authenticator.authenticate(new Login(user, password, Optional.empty(),
                PasswordMode.parse(mode), session.actor()), session.clock().instant());
        if (d instanceof AuthDecision.Accept a) {
            out.println("ACCEPT user=" + a.user() + " serial=" + a.serial());
            return 0;
        }
        if (d instanceof AuthDecision.Reject r) {
            out.println("REJECT user=" + user + " reason=" + r.reason() + r.serial().map(s -> " serial=" + s).orElse(""));
            return 1;
        }
        out.println("CHALLENGE user=" + user + " (use the challenge password mode through RADIUS)");
        return 1;
    }
}
