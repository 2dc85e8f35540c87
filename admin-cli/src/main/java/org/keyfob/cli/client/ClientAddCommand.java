package org.keyfob.cli.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.cli.support.Session;
import org.keyfob.cli.support.StoreCommand;
import org.keyfob.config.CidrBlock;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Add a RADIUS client. The shared secret is read from --secret-file, the terminal"
        + " or standard input, never from the command line.")
final class ClientAddCommand extends StoreCommand {
    @Parameters(paramLabel = "NAME", description = "A name for the client, as logs and the audit show it.")
    String name;

    @Option(names = "--address", required = true, paramLabel = "IP|CIDR", description = "Address or block it sends from.")
    String address;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "Read the shared secret from FILE.")
    Path secretFile;

    @Option(names = "--password-mode", paramLabel = "MODE", description = "pin+otp, otp+pin, otp or challenge.")
    String passwordMode;

    @Option(names = "--legacy", description = "Accept requests without Message-Authenticator (BlastRADIUS risk).")
    boolean legacy;

    @Override
    protected int run(Store store, Session session, PrintWriter out) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        try {
            CidrBlock.parse(address);
            if (passwordMode != null) {
                options.put("password-mode", PasswordMode.parse(passwordMode).configName());
            }
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        if (legacy) {
            options.put("legacy", "true");
        }
        String secret = SecretInput.read(secretFile, "shared secret");
        if (secret.length() < 16) {
            throw new RefusedException("the shared secret is " + secret.length()
                    + " characters; use at least 16 random characters");
        }
        if (!store.clients().add(new RadiusClient(name, address, SharedSecret.of(secret), options), session.actor())) {
            throw new RefusedException("client " + name + " exists already");
        }
        out.println("added client " + name + " (" + address + "); keyfobd answers it within 5 seconds");
        return 0;
    }
}
