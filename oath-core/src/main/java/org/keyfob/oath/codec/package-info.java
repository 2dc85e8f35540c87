/**
 * Text encodings of token secrets and one-time passwords: base32 (RFC 4648), modhex (the
 * YubiKey's keyboard-layout-safe hex) and hex (the JDK's {@link java.util.HexFormat}).
 *
 * <p>Pure functions over strings and byte arrays: no I/O, no logging, no state. Malformed input is
 * an {@link java.lang.IllegalArgumentException} naming the position and the offending character.
 * Start with {@link org.keyfob.oath.codec.ModHex}.
 */
package org.keyfob.oath.codec;
