package org.keyfob.oath.provision;

import java.time.Instant;
import java.util.Optional;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.Token;

/**
 * One token read from a vendor file, ready to store: the token itself (seed, spec, initial
 * state), what the file said about it, and where in the file it came from, for messages.
 *
 * @param token the token, status VALID, state from the file's counter/time/drift
 * @param details manufacturer, model, issuer as the file gives them
 * @param user the user to assign it to, when the file names one (Azure MFA / Token2 CSV)
 * @param validFrom key validity start, if the file gives one (kept, not enforced yet)
 * @param validUntil key validity end, if the file gives one (kept, not enforced yet)
 * @param origin where it came from, e.g. {@code tokens.csv:12} or {@code keys.pskc: KeyPackage 3}
 * @param ocraSuite for an OCRA token, its RFC 6287 suite in canonical form (checked with
 *     {@code OcraSuite.parse}); empty for other kinds. The same suite is in the token's
 *     {@code TokenSpec.ocraSuite()}, which is what is stored; this copy is kept for readers of
 *     the import result.
 */
public record ImportedToken(Token token, TokenDetails details, Optional<String> user,
        Optional<Instant> validFrom, Optional<Instant> validUntil, String origin, Optional<String> ocraSuite) {

    /** A token that is not OCRA, so has no suite. */
    public ImportedToken(Token token, TokenDetails details, Optional<String> user,
            Optional<Instant> validFrom, Optional<Instant> validUntil, String origin) {
        this(token, details, user, validFrom, validUntil, origin, Optional.empty());
    }
}
