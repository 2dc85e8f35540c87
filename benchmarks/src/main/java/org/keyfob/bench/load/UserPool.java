package org.keyfob.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import org.keyfob.oath.engine.Hmac;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/**
 * The users ready to log in, each with at most one request in flight, so no code is ever sent
 * twice and HOTP codes arrive in counter order: an HOTP user is ready again as soon as its answer
 * (or time-out) comes back and sends its next counter; a TOTP user is ready again at the next
 * 30-second step, since a step's code is accepted once.
 */
final class UserPool {
    private static final long STEP_MILLIS = 30_000;

    private final ArrayBlockingQueue<Entry> hotp;
    private final DelayQueue<Entry> totp = new DelayQueue<>();
    private final boolean staticPasswords;

    private UserPool(List<Entry> entries, boolean staticPasswords) {
        this.hotp = new ArrayBlockingQueue<>(Math.max(1, entries.size()));
        this.staticPasswords = staticPasswords;
        for (Entry e : entries) {
            if (e.totp && !staticPasswords) {
                totp.add(e);
            } else {
                hotp.add(e);
            }
        }
    }

    /**
     * Reads {@code users.csv}; with a store URL, starts each token where the store has it (the
     * counter of the next HOTP code, the first unused TOTP step); without one, every user sends
     * its static PAP password.
     */
    static UserPool load(Path usersCsv, Optional<String> storeUrl) throws IOException, SQLException {
        Map<String, Long> counters = storeUrl.isPresent() ? counters(storeUrl.get()) : Map.of();
        HexFormat hex = HexFormat.of();
        List<Entry> entries = Files.readAllLines(usersCsv).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> {
                    String[] f = line.split(",");
                    Seed seed = Seed.of(hex.parseHex(f[5]));
                    return new Entry(f[1], f[4], f[3].equals("TOTP"), Hmac.keyed(HashAlgorithm.SHA1, seed),
                            counters.getOrDefault(f[2], 0L));
                }).toList();
        return new UserPool(entries, storeUrl.isEmpty());
    }

    /**
     * Every token's counter. On the embedded store the server keeps the newest counters in memory,
     * so this first asks it to write them to the store, as the admin tool's reports do
     * (KEYFOB_SYNC: the server goes on deciding logins in memory, and none are sent meanwhile).
     */
    private static Map<String, Long> counters(String url) throws SQLException {
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement s = c.prepareStatement("SELECT serial, counter FROM tokens")) {
            if (url.startsWith("jdbc:h2:")) {
                try (Statement sync = c.createStatement()) {
                    sync.execute("CALL KEYFOB_SYNC()");
                }
            }
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counters.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counters;
    }

    int size() {
        return hotp.size() + totp.size();
    }

    /** A ready user and the password to send now, or empty if none is ready within {@code waitMicros}. */
    Optional<Login> take(long waitMicros) throws InterruptedException {
        Entry e = totp.poll();
        if (e == null) {
            e = waitMicros == 0 ? hotp.poll() : hotp.poll(waitMicros, TimeUnit.MICROSECONDS);
        }
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new Login(e, e.user, staticPasswords ? e.pin + "000000" : e.nextPassword()));
    }

    /** The user's request is over (answered or timed out): the user may log in again. */
    void release(Entry e) {
        if (e.totp && !staticPasswords) {
            totp.add(e);
        } else {
            hotp.add(e);
        }
    }

    record Login(Entry entry, String user, String password) {
    }

    /** One user; touched by one thread at a time (whoever took it from the pool). */
    static final class Entry implements Delayed {
        private final String user;
        private final String pin;
        private final boolean totp;
        private final Hmac hmac;
        private long next;

        Entry(String user, String pin, boolean totp, Hmac hmac, long next) {
            this.user = user;
            this.pin = pin;
            this.totp = totp;
            this.hmac = hmac;
            this.next = next;
        }

        /** HOTP: the code at the next counter. TOTP: the code of the current step (ready means unused). */
        String nextPassword() {
            if (totp) {
                long step = Math.max(next, System.currentTimeMillis() / STEP_MILLIS);
                next = step + 1;
                return pin + Hotp.generate(hmac, step, 6);
            }
            return pin + Hotp.generate(hmac, next++, 6);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            long readyAt = next * STEP_MILLIS;
            return unit.convert(readyAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(next, ((Entry) other).next);
        }
    }
}
