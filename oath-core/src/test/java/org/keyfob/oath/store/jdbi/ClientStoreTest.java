package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.ClientStore;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.StoreException;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ClientStoreTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final String SECRET = "s3cret-shared-with-vpn1";

    private ClientStore clients;

    @BeforeEach
    void setUp() {
        clients = store.clients();
    }

    private static RadiusClient vpn1() {
        return new RadiusClient("vpn1", "192.0.2.10", SharedSecret.of(SECRET),
                Map.of("password-mode", "pin-then-code", "require-message-authenticator", "yes"));
    }

    @Test
    void addedClientComesBackWithAddressOptionsAndSecret() {
        assertThat(clients.add(vpn1(), ADMIN)).isTrue();

        assertThat(clients.list()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("vpn1");
            assertThat(c.address()).isEqualTo("192.0.2.10");
            assertThat(c.options()).isEqualTo(vpn1().options());
            assertThat(c.secret().matches(SharedSecret.of(SECRET))).isTrue();
            assertThat(c.secret().matches(SharedSecret.of(SECRET + "x"))).isFalse();
        });
    }

    @Test
    void clientWithoutOptionsComesBackWithNone() {
        clients.add(new RadiusClient("wifi", "198.51.100.0/24", SharedSecret.of("w"), Map.of()), ADMIN);

        assertThat(clients.list()).singleElement().satisfies(c -> assertThat(c.options()).isEmpty());
    }

    @Test
    void listIsOrderedByName() {
        clients.add(new RadiusClient("wifi", "198.51.100.0/24", SharedSecret.of("w"), Map.of()), ADMIN);
        clients.add(vpn1(), ADMIN);
        clients.add(new RadiusClient("admin-ssh", "203.0.113.5", SharedSecret.of("a"), Map.of()), ADMIN);

        assertThat(clients.list()).extracting(RadiusClient::name).containsExactly("admin-ssh", "vpn1", "wifi");
    }

    @Test
    void addingAnExistingNameReturnsFalseAndKeepsTheFirstClient() {
        clients.add(vpn1(), ADMIN);

        RadiusClient impostor = new RadiusClient("vpn1", "203.0.113.66", SharedSecret.of("other"), Map.of());
        assertThat(clients.add(impostor, ADMIN)).isFalse();

        assertThat(clients.list()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("192.0.2.10");
            assertThat(c.secret().matches(SharedSecret.of(SECRET))).isTrue();
        });
    }

    @Test
    void deleteRemovesTheClientAndSaysWhetherItDidAnything() {
        clients.add(vpn1(), ADMIN);

        assertThat(clients.delete("vpn1", ADMIN)).isTrue();
        assertThat(clients.list()).isEmpty();
        assertThat(clients.delete("vpn1", ADMIN)).isFalse();
    }

    @Test
    void addAndDeleteAreAuditedWithoutTheSecret() {
        clients.add(vpn1(), ADMIN);
        clients.add(vpn1(), ADMIN);
        clients.delete("vpn1", ADMIN);
        clients.delete("vpn1", ADMIN);

        assertThat(store.audit().query(AuditQuery.ALL))
                .extracting(e -> e.event().type(), e -> e.event().actor(), e -> e.event().detail())
                .containsExactly(
                        tuple(AuditEventType.E_CLIENT_ADDED, ADMIN, "client=vpn1 address=192.0.2.10"),
                        tuple(AuditEventType.E_CLIENT_DELETED, ADMIN, "client=vpn1"));
    }

    @Test
    void secretIsEncryptedAtRest() throws SQLException {
        clients.add(vpn1(), ADMIN);
        byte[] plain = SECRET.getBytes(StandardCharsets.UTF_8);

        byte[] stored;
        String keyId;
        try (Connection c = fixture.jdbc();
                PreparedStatement s = c.prepareStatement(
                        "SELECT secret, secret_key_id FROM radius_clients WHERE name = ?")) {
            s.setString(1, "vpn1");
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                stored = rs.getBytes(1);
                keyId = rs.getString(2);
            }
        }

        assertThat(stored).isNotEqualTo(plain);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        // nonce (12) + ciphertext (as long as the secret) + GCM tag (16)
        assertThat(stored).hasSize(12 + plain.length + 16);
        assertThat(keyId).isEqualTo(fixture.keys().active().id());
    }

    @Test
    void aSecondInstanceReadsTheSecretTheFirstWrote() {
        clients.add(vpn1(), ADMIN);

        assertThat(fixture.open().clients().list()).singleElement()
                .satisfies(c -> assertThat(c.secret().matches(SharedSecret.of(SECRET))).isTrue());
    }

    @Test
    void secretCopiedOntoAnotherClientsRowDoesNotDecrypt() throws SQLException {
        clients.add(vpn1(), ADMIN);
        clients.add(new RadiusClient("wifi", "198.51.100.0/24", SharedSecret.of("w"), Map.of()), ADMIN);
        try (Connection c = fixture.jdbc();
                PreparedStatement s = c.prepareStatement("UPDATE radius_clients SET secret ="
                        + " (SELECT secret FROM radius_clients WHERE name = 'vpn1') WHERE name = 'wifi'")) {
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(clients::list)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("client:wifi")
                .hasMessageContaining("does not decrypt")
                .hasMessageNotContaining(SECRET);
    }
}
