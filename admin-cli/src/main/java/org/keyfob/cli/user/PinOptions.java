package org.keyfob.cli.user;

import java.nio.file.Path;
import java.util.Optional;
import org.keyfob.cli.support.RefusedException;
import org.keyfob.cli.support.SecretInput;
import org.keyfob.oath.auth.PinHasher;
import picocli.CommandLine.Option;

/** How a command gets a PIN: never as an argument; from a file, the terminal or standard input. */
final class PinOptions {
    @Option(names = "--pin", description = "Ask for a PIN (on the terminal without echo, else the first line of standard input).")
    boolean ask;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "Read the PIN from the first line of FILE.")
    Path file;

    /** The PIN's salted hash, if one was asked for; an empty PIN is refused. */
    Optional<String> hash() throws RefusedException {
        if (!ask && file == null) {
            return Optional.empty();
        }
        String pin = SecretInput.read(file, "PIN");
        if (pin.isEmpty()) {
            throw new RefusedException("the PIN is empty; give one, or leave out --pin for a user without a PIN");
        }
        return Optional.of(new PinHasher(PinHasher.DEFAULT_ITERATIONS).hash(pin));
    }
}
