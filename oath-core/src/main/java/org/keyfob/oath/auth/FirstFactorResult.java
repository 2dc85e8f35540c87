package org.keyfob.oath.auth;

/** The outcome of a {@link FirstFactor} check. */
public sealed interface FirstFactorResult {

    /** The one {@link Passed} value. */
    FirstFactorResult PASSED = new Passed();

    /** The first factor is right (and any group rule holds). */
    record Passed() implements FirstFactorResult {
    }

    /**
     * Refused: {@link RejectReason#BAD_PIN}, {@link RejectReason#NOT_IN_GROUP}, or
     * {@link RejectReason#DIRECTORY_UNAVAILABLE} when the check could not be made.
     */
    record Failed(RejectReason reason) implements FirstFactorResult {
    }
}
