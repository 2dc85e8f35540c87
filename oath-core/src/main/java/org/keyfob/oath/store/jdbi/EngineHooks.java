package org.keyfob.oath.store.jdbi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Functions the embedded H2 store calls by name ({@code KEYFOB_ENGINE}, {@code KEYFOB_FENCE}),
 * in whichever process holds the database file. While keyfobd runs it holds the file and every
 * other process (the admin tool, a second server) reaches the database through it (H2's
 * AUTO_SERVER), so these run inside keyfobd even when another process calls them
 * ({@code KEYFOB_SYNC} too).
 *
 * <p>That is how the admin tool hands the login state back to the store before it reads or
 * changes anything: each of its connections calls {@code KEYFOB_FENCE()} as it opens, and the
 * server, which was deciding logins in memory ({@link JournaledStore}), writes what it holds to
 * the store and uses the store alone until those connections have closed.
 */
public final class EngineHooks {
    /** Identifies this process to the database, so a store can tell whether it holds the file. */
    private static final String ENGINE = UUID.randomUUID().toString();
    private static final Map<String, JournaledStore> OWNERS = new ConcurrentHashMap<>();

    private EngineHooks() {
    }

    /** {@code KEYFOB_ENGINE()}: which process runs the database engine. */
    public static String engine() {
        return ENGINE;
    }

    /**
     * {@code KEYFOB_FENCE()}: if a server in this process owns the login state of the calling
     * session's database, it writes that state to the store and stops deciding logins in memory
     * until the calling session has closed. Returns 1 if there was such a server, else 0.
     */
    public static int fence(Connection connection) throws SQLException {
        JournaledStore owner = OWNERS.get(databasePath(connection));
        if (owner == null) {
            return 0;
        }
        int session;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            session = rs.getInt(1);
        }
        owner.fence(session);
        return 1;
    }

    /**
     * {@code KEYFOB_SYNC()}: if a server in this process owns the login state of the calling
     * session's database, it writes that state to the store now and goes on deciding logins in
     * memory. For a reader (a report, the audit log), which may then be behind by what the server
     * decides while it reads. Returns 1 if there was such a server, else 0.
     */
    public static int sync(Connection connection) throws SQLException {
        JournaledStore owner = OWNERS.get(databasePath(connection));
        if (owner == null) {
            return 0;
        }
        owner.checkpoint();
        return 1;
    }

    static boolean holdsEngine(String engine) {
        return ENGINE.equals(engine);
    }

    static void register(String databasePath, JournaledStore owner) {
        if (OWNERS.putIfAbsent(databasePath, owner) != null) {
            throw new IllegalStateException("a server in this process owns " + databasePath + " already");
        }
    }

    static void unregister(String databasePath, JournaledStore owner) {
        OWNERS.remove(databasePath, owner);
    }

    static String databasePath(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
