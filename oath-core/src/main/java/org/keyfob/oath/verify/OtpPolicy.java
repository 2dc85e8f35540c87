package org.keyfob.oath.verify;

import java.time.Duration;

/**
 * The windows a {@link Verifier} searches, and the lockout. One policy serves every token; the
 * defaults are what an admin would expect from the commercial servers.
 *
 * @param hotpLookAhead HOTP: a code at counter c+k, k &le; this, is accepted. Default 10, 0..1000.
 * @param totpWindow TOTP: steps accepted either side of the (drift-corrected) current step.
 *     Default 1, 0..10.
 * @param autoResync whether a far code (inside the sync windows) followed by its successor
 *     resynchronises the token. Default on.
 * @param hotpSyncWindow HOTP auto-resync reach in counters. Default 100, at least the look-ahead,
 *     at most 10,000.
 * @param totpSyncWindow TOTP auto-resync reach either side of the current time. Default 10 minutes,
 *     at most 24 hours.
 * @param pendingLifetime how long a far code waits for its successor. Default 5 minutes.
 * @param resyncWindow admin resync reach in counters or time steps. Default 1,000, 1..1,000,000.
 * @param firstUseResyncWindow admin resync reach for a token never used. Default 500,000,
 *     at least {@code resyncWindow}, at most 10,000,000.
 * @param lockout failed-attempt lockout
 */
public record OtpPolicy(int hotpLookAhead, int totpWindow, boolean autoResync, int hotpSyncWindow,
        Duration totpSyncWindow, Duration pendingLifetime, int resyncWindow, int firstUseResyncWindow,
        LockoutPolicy lockout) {

    public static final OtpPolicy DEFAULT = new OtpPolicy(10, 1, true, 100, Duration.ofMinutes(10),
            Duration.ofMinutes(5), 1_000, 500_000, LockoutPolicy.DEFAULT);

    public OtpPolicy {
        check("HOTP look-ahead window", hotpLookAhead, 0, 1000);
        check("TOTP window", totpWindow, 0, 10);
        check("HOTP sync window", hotpSyncWindow, hotpLookAhead, 10_000);
        check("resync window", resyncWindow, 1, 1_000_000);
        check("first-use resync window", firstUseResyncWindow, resyncWindow, 10_000_000);
        if (totpSyncWindow.isNegative() || totpSyncWindow.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("TOTP sync window must be 0 to 24 hours, was " + totpSyncWindow);
        }
        if (pendingLifetime.isNegative() || pendingLifetime.isZero()) {
            throw new IllegalArgumentException("pending resync lifetime must be positive, was " + pendingLifetime);
        }
    }

    public OtpPolicy withHotpLookAhead(int value) {
        return new OtpPolicy(value, totpWindow, autoResync, Math.max(value, hotpSyncWindow),
                totpSyncWindow, pendingLifetime, resyncWindow, firstUseResyncWindow, lockout);
    }

    public OtpPolicy withTotpWindow(int value) {
        return new OtpPolicy(hotpLookAhead, value, autoResync, hotpSyncWindow, totpSyncWindow,
                pendingLifetime, resyncWindow, firstUseResyncWindow, lockout);
    }

    public OtpPolicy withAutoResync(boolean value) {
        return new OtpPolicy(hotpLookAhead, totpWindow, value, hotpSyncWindow, totpSyncWindow,
                pendingLifetime, resyncWindow, firstUseResyncWindow, lockout);
    }

    public OtpPolicy withLockout(LockoutPolicy value) {
        return new OtpPolicy(hotpLookAhead, totpWindow, autoResync, hotpSyncWindow, totpSyncWindow,
                pendingLifetime, resyncWindow, firstUseResyncWindow, value);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
