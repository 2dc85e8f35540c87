/**
 * The one-time-password computations: HOTP (RFC 4226), TOTP (RFC 6238), OCRA (RFC 6287) and
 * Yubico OTP. Pure functions over values: no I/O, no clock reads (time comes in as an
 * {@code Instant} or a step count), no stored state, no logging.
 *
 * <p>Deciding whether a code is accepted (windows, drift, replay) is not done here but in
 * {@code org.keyfob.oath.verify}. Start with {@link org.keyfob.oath.engine.Hotp} or, for
 * challenge-response, {@link org.keyfob.oath.engine.OcraSuite#parse(String)} and
 * {@link org.keyfob.oath.engine.Ocra}.
 */
package org.keyfob.oath.engine;
