/**
 * Values that describe a token: its {@link org.keyfob.oath.token.Serial}, what it computes
 * ({@link org.keyfob.oath.token.TokenSpec}), its secret ({@link org.keyfob.oath.token.Seed}), its
 * admin status and the verification state that changes with every accepted code.
 *
 * <p>Pure, immutable values: nothing here computes codes (see {@code engine}), decides whether a
 * code is good (see {@code verify}) or touches storage. Start with {@link org.keyfob.oath.token.Token}.
 */
package org.keyfob.oath.token;
