package org.keyfob.cli.support;

/**
 * A command understood its arguments but will not or cannot carry them out: the token does not
 * exist, the import file has problems. The message is written for the admin, as {@code what,
 * expected, what to do}; keyfob prints it on one line, without a stack trace, and exits with
 * {@link ExitCodes#REFUSED}.
 */
public final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
