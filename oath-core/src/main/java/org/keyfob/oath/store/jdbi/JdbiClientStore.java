package org.keyfob.oath.store.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.ClientStore;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;

/** {@link ClientStore} over Jdbi; options are stored as {@code key=value} lines. */
final class JdbiClientStore implements ClientStore {
    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final Clock clock;

    JdbiClientStore(Jdbi jdbi, SecretCipher cipher, Clock clock) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.clock = clock;
    }

    private static String aad(String name) {
        return "client:" + name;
    }

    @Override
    public boolean add(RadiusClient client, Actor actor) {
        Instant now = clock.instant();
        byte[] plain = client.secret().revealBytes();
        SecretCipher.Sealed sealed = cipher.seal(plain, aad(client.name()));
        Arrays.fill(plain, (byte) 0);
        String options = client.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining("\n"));
        return jdbi.inTransaction(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM radius_clients WHERE name = :n")
                    .bind("n", client.name()).mapTo(Integer.class).one() > 0;
            if (exists) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO radius_clients (name, address, secret, secret_key_id, options, created)
                            VALUES (:name, :address, :secret, :keyId, :options, :now)""")
                    .bind("name", client.name()).bind("address", client.address())
                    .bind("secret", sealed.blob()).bind("keyId", sealed.keyId())
                    .bind("options", options).bind("now", Columns.utc(now)).execute();
            JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_CLIENT_ADDED, actor, null, null,
                    "client=" + client.name() + " address=" + client.address())));
            return true;
        });
    }

    @Override
    public List<RadiusClient> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM radius_clients ORDER BY name")
                .map((rs, ctx) -> {
                    String name = rs.getString("name");
                    byte[] plain = cipher.open(rs.getString("secret_key_id"), rs.getBytes("secret"), aad(name));
                    SharedSecret secret = SharedSecret.of(plain);
                    Arrays.fill(plain, (byte) 0);
                    Map<String, String> options = new LinkedHashMap<>();
                    for (String line : rs.getString("options").split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            options.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                    return new RadiusClient(name, rs.getString("address"), secret, options);
                }).list());
    }

    @Override
    public boolean delete(String name, Actor actor) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM radius_clients WHERE name = :n").bind("n", name).execute();
            if (n == 1) {
                JdbiAuditLog.insert(h, List.of(AuditEvent.of(now, AuditEventType.E_CLIENT_DELETED, actor, null, null,
                        "client=" + name)));
            }
            return n == 1;
        });
    }
}
