/**
 * Reading RFC 6030 PSKC files: start with {@link org.keyfob.oath.provision.pskc.PskcReader}, which
 * takes an {@code InputStream}, a display name and a {@link org.keyfob.oath.provision.pskc.PskcKey}
 * (none, pre-shared key, passphrase or RSA private key) and returns every token or an
 * {@link org.keyfob.oath.provision.ImportException} naming each bad KeyPackage.
 *
 * <p>Streaming StAX, one KeyPackage in memory at a time; DTDs are refused. Not done here: XML
 * signature verification (ds:Signature is skipped), writing PSKC, 3DES and Camellia ciphers.
 */
package org.keyfob.oath.provision.pskc;
