package org.keyfob.oath.provision;

import java.util.OptionalInt;

/**
 * Remembers which serials a file has used so far, and where, in about 24 bytes per serial (a
 * 64-bit fingerprint and an int), so a file of a million keys can be checked for duplicate
 * serials without holding a million strings. Two different serials share a fingerprint with
 * probability about n²/2⁶⁵ (10⁻⁸ for a million serials); such a file would be refused with a
 * duplicate message it does not deserve, never accepted with a duplicate. Not thread-safe.
 */
public final class SerialIndex {
    private long[] fingerprints = new long[1024];
    private int[] places = new int[1024];
    private int size;

    /**
     * Records {@code serial} at {@code place} (a line or KeyPackage number) and returns the place
     * where it was seen before, or empty if this is its first time.
     */
    public OptionalInt putIfAbsent(String serial, int place) {
        long fingerprint = fingerprint(serial);
        int mask = fingerprints.length - 1;
        for (int i = (int) fingerprint & mask; ; i = (i + 1) & mask) {
            if (fingerprints[i] == 0) {
                fingerprints[i] = fingerprint;
                places[i] = place;
                if (++size * 2 > fingerprints.length) {
                    grow();
                }
                return OptionalInt.empty();
            }
            if (fingerprints[i] == fingerprint) {
                return OptionalInt.of(places[i]);
            }
        }
    }

    /** How many distinct serials were recorded. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] oldFingerprints = fingerprints;
        int[] oldPlaces = places;
        fingerprints = new long[oldFingerprints.length * 2];
        places = new int[oldPlaces.length * 2];
        int mask = fingerprints.length - 1;
        for (int j = 0; j < oldFingerprints.length; j++) {
            if (oldFingerprints[j] != 0) {
                int i = (int) oldFingerprints[j] & mask;
                while (fingerprints[i] != 0) {
                    i = (i + 1) & mask;
                }
                fingerprints[i] = oldFingerprints[j];
                places[i] = oldPlaces[j];
            }
        }
    }

    /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser to spread the bits; never 0. */
    static long fingerprint(String serial) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < serial.length(); i++) {
            h ^= serial.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
