package org.keyfob.oath.store;

import java.util.Optional;
import org.keyfob.oath.store.TokenStore.NewToken;

/**
 * One bulk import, open as a single transaction: tokens go in batches as they are read, so a
 * file of any size needs memory for one batch only, and nothing is visible to others (or kept)
 * until {@link #commit()}. {@link #close()} without a commit rolls everything back: that is how a
 * refused file, or a dry run, leaves the store unchanged.
 *
 * <p>A serial already in the store is refused (named in {@link ImportTally#refusals()}) unless
 * the import updates ({@link Rules#update()}). An update replaces what the file describes (spec,
 * seed, counter, drift, vendor data) and keeps status and assignments; the counter never moves
 * back while the seed stays the same, so no code already used becomes valid again. Once anything
 * is refused, later tokens are still checked but no longer written. Not thread-safe.
 */
public interface TokenImport extends AutoCloseable {

    /**
     * @param update a serial already in the store is updated instead of refused
     * @param createUsers a user named by the file and missing from the store is created
     */
    record Rules(boolean update, boolean createUsers) {
    }

    /**
     * Adds or updates {@code token} (written with the next batch) and, if {@code user} is given,
     * assigns it to that user (one token per user, one user per token; an assignment already in
     * place is kept). {@code origin} (e.g. {@code tokens.csv:12}) starts any refusal message.
     * Once the batch is written the token's seed is destroyed: the caller must not use it again.
     */
    void put(NewToken token, Optional<String> user, String origin);

    /**
     * Writes what is buffered and returns the tally so far; check its refusals before commit.
     *
     * @throws StoreException if the database refused a batch (say, another writer added one of
     *     its serials meanwhile); the import can then only be closed
     */
    ImportTally flush();

    /** Flushes and commits; refused if anything was refused ({@link IllegalStateException}). */
    ImportTally commit();

    /** Rolls back unless committed, and frees the connection. */
    @Override
    void close();
}
