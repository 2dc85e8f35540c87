package org.keyfob.oath.store;

/**
 * The store could not do what was asked: the database is unreachable, a constraint failed, the
 * master key does not decrypt a row. The message names the operation, never bound values.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
