/**
 * Authentication on top of verification and the store: {@link org.keyfob.oath.auth.TokenCheck}
 * verifies a code and stores the outcome with a compare-and-set. Password splitting, PIN checks
 * and the {@code Authenticator} that turns a login into Accept, Reject or Challenge come here too.
 * OCRA tokens log in only by challenge: the question goes out in the prompt (see
 * {@code OcraLoginTest}).
 *
 * <p>No RADIUS types and no JDBC: the store is reached only through its interfaces.
 */
package org.keyfob.oath.auth;
