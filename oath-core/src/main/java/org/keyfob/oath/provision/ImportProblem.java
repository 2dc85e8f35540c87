package org.keyfob.oath.provision;

/**
 * One thing wrong in an import file, located for an admin: {@code where} is {@code file:line} for
 * CSV or {@code file: KeyPackage N (serial S), element E} for PSKC. Never contains a secret.
 */
public record ImportProblem(String where, String message) {
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
