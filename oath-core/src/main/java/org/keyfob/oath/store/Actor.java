package org.keyfob.oath.store;

/**
 * Who made a change, for the audit log: an admin (the OS user running {@code keyfob}), a RADIUS
 * client (the NAS the server answered), or the system itself (migrations, key rotation).
 */
public record Actor(Kind kind, String name) {
    public enum Kind { ADMIN, RADIUS_CLIENT, SYSTEM }

    public Actor {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    public static Actor admin(String osUser) {
        return new Actor(Kind.ADMIN, osUser);
    }

    public static Actor client(String nasName) {
        return new Actor(Kind.RADIUS_CLIENT, nasName);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "keyfob");
    }

    /** {@code admin:alice}, {@code client:vpn1}, {@code system:keyfob}: how the audit log shows it. */
    @Override
    public String toString() {
        return switch (kind) {
            case ADMIN -> "admin:" + name;
            case RADIUS_CLIENT -> "client:" + name;
            case SYSTEM -> "system:" + name;
        };
    }

    /** Parses what {@link #toString()} wrote. */
    public static Actor parse(String text) {
        int colon = text.indexOf(':');
        String name = text.substring(colon + 1);
        return switch (text.substring(0, Math.max(colon, 0))) {
            case "admin" -> admin(name);
            case "client" -> client(name);
            case "system" -> new Actor(Kind.SYSTEM, name);
            default -> throw new IllegalArgumentException("actor \"" + text + "\" is not kind:name");
        };
    }
}
