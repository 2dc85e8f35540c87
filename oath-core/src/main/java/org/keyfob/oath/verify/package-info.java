/**
 * Whether a code is good: the {@link org.keyfob.oath.verify.Verifier} and its sealed
 * {@link org.keyfob.oath.verify.Verification} outcome, the look-ahead and TOTP windows, drift,
 * replay protection, auto-resync, admin {@link org.keyfob.oath.verify.Resync} and lockout;
 * OCRA responses to a server's question ({@code Verifier.verifyOcra}, {@link org.keyfob.oath.verify.OcraChallenges}).
 *
 * <p>Pure functions of (token, code, now, policy): no clock reads, no storage, no logging. The
 * caller stores the returned state. Start with {@code VerifierTest}, which reads as the rules.
 */
package org.keyfob.oath.verify;
