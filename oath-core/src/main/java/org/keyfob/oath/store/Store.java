package org.keyfob.oath.store;

/** Everything Keyfob keeps, behind one handle that owns the connections. */
public interface Store extends AutoCloseable {

    TokenStore tokens();

    UserStore users();

    ClientStore clients();

    ChallengeStore challenges();

    AuditLog audit();

    @Override
    void close();
}
