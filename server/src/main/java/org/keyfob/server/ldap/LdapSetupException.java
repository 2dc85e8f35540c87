package org.keyfob.server.ldap;

/** The {@code ldap:} section cannot be put to work: an unreadable trust store or password file. */
public final class LdapSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public LdapSetupException(String message) {
        super(message);
    }
}
