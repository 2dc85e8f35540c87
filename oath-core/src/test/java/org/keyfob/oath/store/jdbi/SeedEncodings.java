package org.keyfob.oath.store.jdbi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.token.Seed;

/**
 * The ways a seed could leak, as byte strings to search for: the raw bytes, hex in either case,
 * Base32 in either case, Base64 and Base64url (unpadded, so a padded copy matches too) and
 * {@link Arrays#toString(byte[])}, which is what a {@code byte[]} in a record or a log argument
 * prints as once someone "fixes" {@code [B@1f2a3b}.
 */
final class SeedEncodings {
    private final List<Needle> needles = new ArrayList<>();

    /** One encoding of one token's seed. */
    record Needle(String serial, String encoding, byte[] bytes) {
    }

    /** Adds every encoding of {@code seed}, labelled with {@code serial}. */
    SeedEncodings add(String serial, Seed seed) {
        byte[] raw = seed.revealBytes();
        String hex = HexFormat.of().formatHex(raw);
        String base32 = Base32.encode(raw);
        needles.add(new Needle(serial, "raw bytes", raw));
        text(serial, "hex, lower case", hex);
        text(serial, "hex, upper case", hex.toUpperCase(Locale.ROOT));
        text(serial, "Base32, upper case", base32);
        text(serial, "Base32, lower case", base32.toLowerCase(Locale.ROOT));
        text(serial, "Base64", Base64.getEncoder().withoutPadding().encodeToString(raw));
        text(serial, "Base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        text(serial, "Arrays.toString", Arrays.toString(raw));
        return this;
    }

    List<Needle> needles() {
        return List.copyOf(needles);
    }

    private void text(String serial, String encoding, String value) {
        needles.add(new Needle(serial, encoding, value.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The needles found in {@code haystack}, each as "serial: encoding in where". */
    List<String> findIn(byte[] haystack, String where) {
        List<String> found = new ArrayList<>();
        for (Needle n : needles) {
            if (indexOf(haystack, n.bytes()) >= 0) {
                found.add(n.serial() + ": " + n.encoding() + " in " + where);
            }
        }
        return found;
    }

    /**
     * The needles found in {@code text}. Its UTF-8 bytes are searched for the text encodings, and
     * its ISO-8859-1 bytes too, because raw bytes that made it into a string come back that way.
     */
    List<String> findIn(String text, String where) {
        List<String> found = new ArrayList<>(findIn(text.getBytes(StandardCharsets.UTF_8), where));
        for (String f : findIn(text.getBytes(StandardCharsets.ISO_8859_1), where)) {
            if (!found.contains(f)) {
                found.add(f);
            }
        }
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
