package org.keyfob.oath.provision.pskc;

/**
 * One problem inside a PSKC file, with the element it concerns (a path such as
 * {@code Data/Counter}); the reader adds file name and KeyPackage. Never carries a secret.
 * A fatal problem (a DTD, a wrong key) ends reading: later KeyPackages would only repeat it.
 */
final class PskcError extends Exception {
    private static final long serialVersionUID = 1L;
    private final String element;
    private final boolean fatal;

    PskcError(String element, String message) {
        this(element, message, false);
    }

    private PskcError(String element, String message, boolean fatal) {
        super(message, null, false, false);
        this.element = element;
        this.fatal = fatal;
    }

    static PskcError fatal(String element, String message) {
        return new PskcError(element, message, true);
    }

    String element() {
        return element;
    }

    boolean isFatal() {
        return fatal;
    }
}
