/**
 * Vendor token files: {@code pskc} (RFC 6030, read and write) and {@code csv} (read), each turning
 * an {@code InputStream} into {@link org.keyfob.oath.provision.ImportedToken} values, handed over
 * one at a time, or an {@link org.keyfob.oath.provision.ImportException} listing every problem
 * with its place. {@link org.keyfob.oath.provision.SerialIndex} finds duplicate serials in little
 * memory.
 *
 * <p>Reads streams, opens no files, touches no store: the admin tool writes the tokens into one
 * {@code TokenImport} transaction and rolls it back if the file is refused.
 */
package org.keyfob.oath.provision;
