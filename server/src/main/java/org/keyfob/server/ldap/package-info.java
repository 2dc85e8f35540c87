/**
 * The LDAP / Active Directory first factor: {@link org.keyfob.server.ldap.LdapFirstFactor} binds
 * to the directory as the user (UnboundID LDAP SDK, pooled, LDAPS or StartTLS) and
 * {@link org.keyfob.server.ldap.ClientFirstFactor} picks it or the local PIN per RADIUS client.
 * The login rules stay in oath-core's {@code Authenticator}; this package only does the I/O.
 * Tests: {@code LdapFirstFactorTest} (in-memory directory) and {@code SlapdEndToEndTest}.
 */
package org.keyfob.server.ldap;
