package org.keyfob.oath.provision.pskc;

import java.util.Map;
import java.util.Optional;
import org.keyfob.oath.token.HashAlgorithm;

/** Algorithm identifiers from XML Signature (RFC 3275) and RFC 6931 (xmldsig-more) for HMAC. */
final class Uris {
    private static final Map<String, HashAlgorithm> HMACS = Map.of(
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1", HashAlgorithm.SHA1,
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha1", HashAlgorithm.SHA1,
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256", HashAlgorithm.SHA256,
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512", HashAlgorithm.SHA512);

    private Uris() {
    }

    /** The hash of an HMAC URI, if it is one we support. */
    static Optional<HashAlgorithm> hmac(String uri) {
        return Optional.ofNullable(HMACS.get(uri));
    }
}
