/**
 * {@code keyfob key}: the master key file. {@code rotate} appends a key and moves every secret
 * onto it through the store's one-transaction re-encryption; the key file format and the cipher
 * live in oath-core's {@code store.jdbi}.
 */
package org.keyfob.cli.key;
