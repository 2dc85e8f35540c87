package org.keyfob.cli.support;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (PIN, passphrase, shared secret) never from the command line, where {@code ps}
 * shows it: from a file (first line), from the terminal without echo, or from standard input
 * (first line) when there is no terminal, so scripts can pipe it in.
 */
public final class SecretInput {
    private SecretInput() {
    }

    /** A line that is not secret, such as a confirmation: echoed on the terminal. */
    public static String readLine(String prompt) throws RefusedException {
        Console console = System.console();
        if (console != null) {
            String line = console.readLine("%s: ", prompt);
            return line == null ? "" : line;
        }
        return read(null, prompt);
    }

    public static String read(Path file, String prompt) throws RefusedException {
        if (file != null) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new RefusedException("cannot read " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s: ", prompt);
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new RefusedException("cannot read the " + prompt + " from standard input: " + e.getMessage());
        }
    }
}
