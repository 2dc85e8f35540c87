package org.keyfob.oath.provision.pskc;

import java.util.Locale;
import java.util.Optional;
import org.keyfob.oath.token.TokenKind;

/**
 * The {@code Key/@Algorithm} URIs Keyfob reads. RFC 6030 §10 registers
 * {@code urn:ietf:params:xml:ns:keyprov:pskc:hotp} and {@code :pin}; TOTP and OCRA come from
 * draft-hoyer-keyprov-pskc-algorithm-profiles, which writes {@code #totp} and puts the OCRA suite
 * after the {@code #} ({@code pskc#OCRA-1:HOTP-SHA512-8:C-QN08}); vendors also write {@code :totp},
 * {@code :ocra} and {@code #hotp}. All name one algorithm each, so all are taken.
 *
 * @param kind the token kind, or empty for a PIN key (RFC 6030 Figure 5), which is not a token
 * @param embeddedSuite the OCRA suite written inside the URI, if it was
 */
record PskcAlgorithm(Optional<TokenKind> kind, Optional<String> embeddedSuite) {
    private static final String URN = "urn:ietf:params:xml:ns:keyprov:pskc";
    private static final String OLD = "http://www.ietf.org/keyprov/pskc";

    /** Empty when the URI is not one of ours. */
    static Optional<PskcAlgorithm> of(String uri) {
        String u = uri.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith(URN)) {
            rest = u.substring(URN.length());
        } else if (lower.startsWith(OLD)) {
            rest = u.substring(OLD.length());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty() || (rest.charAt(0) != ':' && rest.charAt(0) != '#')) {
            return Optional.empty();
        }
        String name = rest.substring(1);
        if (name.regionMatches(true, 0, "OCRA-1:", 0, 7)) {
            return Optional.of(new PskcAlgorithm(Optional.of(TokenKind.OCRA), Optional.of(name)));
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hotp" -> Optional.of(new PskcAlgorithm(Optional.of(TokenKind.HOTP), Optional.empty()));
            case "totp" -> Optional.of(new PskcAlgorithm(Optional.of(TokenKind.TOTP), Optional.empty()));
            case "ocra", "ocra-1" -> Optional.of(new PskcAlgorithm(Optional.of(TokenKind.OCRA), Optional.empty()));
            case "pin" -> Optional.of(new PskcAlgorithm(Optional.empty(), Optional.empty()));
            default -> Optional.empty();
        };
    }

    /** For messages: what {@link #of} accepts. */
    static String accepted() {
        return URN + ":hotp, :totp, :ocra (or #hotp, #totp, #OCRA-1:suite) and :pin (skipped)";
    }
}
