package org.keyfob.server.radius;

import java.util.Optional;
import org.keyfob.oath.verify.ChapResponse;
import org.keyfob.server.radius.codec.Attribute;
import org.keyfob.server.radius.codec.RadiusPacket;

/**
 * Reads a CHAP login out of an Access-Request (RFC 2865 §5.3, §5.40): CHAP-Password is the CHAP
 * identifier and the 16-octet response; the challenge is CHAP-Challenge, or the Request
 * Authenticator when the NAS sent none.
 */
final class ChapRequest {
    static final int CHAP_CHALLENGE = 60;

    private ChapRequest() {
    }

    /** The CHAP response, or empty if there is no CHAP-Password or it is not 17 octets. */
    static Optional<ChapResponse> from(RadiusPacket request) {
        Optional<Attribute> password = request.attribute(Attribute.CHAP_PASSWORD);
        if (password.isEmpty() || password.get().length() != 17) {
            return Optional.empty();
        }
        byte[] value = password.get().value();
        byte[] response = new byte[16];
        System.arraycopy(value, 1, response, 0, 16);
        byte[] challenge = request.attribute(CHAP_CHALLENGE).map(Attribute::value)
                .filter(c -> c.length > 0).orElse(request.authenticator());
        return Optional.of(new ChapResponse(value[0], response, challenge));
    }
}
