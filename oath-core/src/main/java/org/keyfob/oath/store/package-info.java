/**
 * What Keyfob keeps and how it is asked for: {@link org.keyfob.oath.store.Store} and its parts
 * ({@link org.keyfob.oath.store.TokenStore}, users, RADIUS clients, pending challenges, the audit
 * log), speaking in the token package's types.
 *
 * <p>Interfaces and values only; the one implementation, over JDBC, is in {@code store.jdbi}.
 * Start with {@link org.keyfob.oath.store.TokenStore#compareAndSetState}, the heart of replay safety.
 */
package org.keyfob.oath.store;
