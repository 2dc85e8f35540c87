package org.keyfob.cli.token;

import org.keyfob.oath.verify.Verification;

/** One line for a verification outcome, as {@code token verify} and {@code token resync} print it. */
final class Outcome {
    private Outcome() {
    }

    static String describe(String serial, Verification v) {
        if (v instanceof Verification.Accepted a) {
            return "ACCEPT serial=" + serial + " factor=" + a.factor() + " offset=" + a.offset()
                    + " next_counter=" + a.next().counter();
        }
        if (v instanceof Verification.Rejected r) {
            return "REJECT serial=" + serial + " reason=" + r.reason();
        }
        if (v instanceof Verification.NeedsNextCode) {
            return "NEXT_CODE serial=" + serial + " (the code is far ahead; the token's next code resynchronises it)";
        }
        throw new AssertionError(v);
    }

    /** What the audit detail says: the outcome without the code. */
    static String detail(Verification v) {
        if (v instanceof Verification.Accepted a) {
            return "result=ACCEPT factor=" + a.factor() + " offset=" + a.offset();
        }
        if (v instanceof Verification.Rejected r) {
            return "result=REJECT reason=" + r.reason();
        }
        return "result=NEXT_CODE";
    }
}
