/**
 * The store over JDBC ({@link org.keyfob.oath.store.jdbi.JdbiStore}): HikariCP, Flyway migrations
 * in {@code db/migration}, Jdbi statements that run unchanged on H2 and PostgreSQL, and secrets
 * sealed with AES-256-GCM under the {@link org.keyfob.oath.store.jdbi.MasterKeyFile} keys.
 *
 * <p>The only JDBC code in Keyfob. Statements bind only ciphertext, never a plain secret, and
 * exception messages never render bound values.
 */
package org.keyfob.oath.store.jdbi;
