/**
 * The store over JDBC ({@link org.keyfob.oath.store.jdbi.JdbiStore}): HikariCP, Flyway migrations
 * in {@code db/migration}, Jdbi statements that run unchanged on H2 and PostgreSQL, and secrets
 * sealed with AES-256-GCM under the {@link org.keyfob.oath.store.jdbi.MasterKeyFile} keys.
 *
 * <p>The only JDBC code in Keyfob. Statements bind only ciphertext, never a plain secret, and
 * exception messages never render bound values. Accepted logins are written by one writer thread
 * that commits all those waiting in one transaction ({@code GroupCommit}). On an H2 file the
 * server instead decides logins in memory with a write-ahead log ({@code JournaledStore},
 * {@code LoginJournal}, {@code JournalCheckpoint}); {@code EngineHooks} is how other processes
 * on the same file hand its state back to the store. Start there when the write path is slow.
 */
package org.keyfob.oath.store.jdbi;
