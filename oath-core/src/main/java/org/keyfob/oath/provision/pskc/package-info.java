/**
 * RFC 6030 PSKC files. Reading: {@link org.keyfob.oath.provision.pskc.PskcReader} takes an
 * {@code InputStream}, a display name and a {@link org.keyfob.oath.provision.pskc.PskcKey} (none,
 * pre-shared key, passphrase or RSA private key) and hands over every token as it is read, or
 * throws an {@link org.keyfob.oath.provision.ImportException} naming each bad KeyPackage.
 * Writing: {@link org.keyfob.oath.provision.pskc.PskcWriter} streams passphrase-protected files.
 *
 * <p>Streaming StAX, one KeyPackage in memory at a time; DTDs are refused. Not done here: XML
 * signature verification (ds:Signature is skipped), 3DES and Camellia ciphers.
 */
package org.keyfob.oath.provision.pskc;
