/**
 * Reading vendor token files: {@code pskc} (RFC 6030) and {@code csv}, each turning an
 * {@code InputStream} into {@link org.keyfob.oath.provision.ImportedToken} values or an
 * {@link org.keyfob.oath.provision.ImportException} listing every problem with its place.
 *
 * <p>Reads streams, opens no files, touches no store: the admin tool stores the result in one
 * transaction, so an import lands whole or not at all.
 */
package org.keyfob.oath.provision;
