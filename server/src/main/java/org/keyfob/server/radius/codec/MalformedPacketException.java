package org.keyfob.server.radius.codec;

/** A datagram that is not a well-formed RADIUS packet; the message says what was wrong. */
public class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
