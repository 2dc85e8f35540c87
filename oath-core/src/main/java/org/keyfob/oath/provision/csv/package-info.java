/**
 * CSV token files: vendor seed lists ({@code serial,secret[,counter]}) and the Azure MFA / Token2
 * upload format. Start with {@link org.keyfob.oath.provision.csv.CsvReader} and
 * {@link org.keyfob.oath.provision.csv.CsvOptions}; {@link org.keyfob.oath.provision.csv.SecretEncoding}
 * states the rule by which {@code AUTO} tells hex, base32 and base64 apart.
 *
 * <p>Reads streams only; writing CSV (inventory export) is not here.
 */
package org.keyfob.oath.provision.csv;
