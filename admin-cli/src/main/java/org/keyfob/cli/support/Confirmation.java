package org.keyfob.cli.support;

import java.io.PrintWriter;

/**
 * Asks the admin to type a name back before something that cannot be undone (deleting a token,
 * user or client). {@code --yes} skips the question, for scripts. The answer is read from the
 * terminal, or from standard input when there is none.
 */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * Returns if {@code yes} or the admin typed {@code name}; otherwise refuses, saying that
     * {@code what} was left alone.
     */
    public static void require(boolean yes, PrintWriter out, String what, String consequence, String name)
            throws RefusedException {
        if (yes) {
            return;
        }
        out.println("Deleting " + what + " cannot be undone" + consequence + ". Type " + name + " to confirm:");
        out.flush();
        if (!SecretInput.readLine("confirm").strip().equals(name)) {
            throw new RefusedException("confirmation did not match; " + what + " was not deleted");
        }
    }
}
