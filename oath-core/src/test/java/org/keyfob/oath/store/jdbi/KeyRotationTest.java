package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.token.Serial;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class KeyRotationTest {
    private static final Actor ADMIN = Actor.admin("alice");

    @Parameter
    Backend backend;

    @TempDir
    Path tempDir;

    private StoreFixture fixture;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(backend, tempDir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void rotationMovesEverySecretToTheNewKeySoTheOldKeyCanGo() {
        try (JdbiStore old = fixture.open()) {
            old.tokens().addAll(List.of(hotp("A", 0), hotp("B", 0)), ADMIN);
            old.clients().add(new RadiusClient("vpn1", "10.0.0.1", SharedSecret.of("s3cret"), Map.of()), ADMIN);
        }
        Path keyFile = tempDir.resolve("keyfob.key");
        String newId = MasterKeyFile.appendNewKey(keyFile);
        MasterKeys both = MasterKeyFile.loadOrCreate(keyFile);

        int moved;
        try (JdbiStore rotating = JdbiStore.open(fixture.settings(), both, Clock.fixed(NOW, ZoneOffset.UTC))) {
            moved = rotating.reencryptSecrets(ADMIN);
            assertThat(rotating.reencryptSecrets(ADMIN)).describedAs("a second run has nothing left").isZero();
        }

        MasterKeys onlyNew = new MasterKeys(List.of(both.active()));
        try (JdbiStore after = JdbiStore.open(fixture.settings(), onlyNew, Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(moved).isEqualTo(3);
            assertThat(both.active().id()).isEqualTo(newId);
            assertThat(after.tokens().find(new Serial("A")).orElseThrow().token().seed()
                    .matches(StoreFixture.seedFor("A"))).isTrue();
            assertThat(after.clients().list().get(0).secret().matches(SharedSecret.of("s3cret"))).isTrue();
            assertThat(after.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_KEY_ROTATED)))
                    .extracting(e -> e.event().detail())
                    .containsExactly("key=" + newId + " reencrypted=3", "key=" + newId + " reencrypted=0");
        }
    }

    @Test
    void aStoreIsRefusedWhenTheKeyFileLacksTheKeyItsSecretsWereSealedUnder() {
        try (JdbiStore first = fixture.open()) {
            first.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
        }
        MasterKeys stranger = MasterKeyFile.loadOrCreate(tempDir.resolve("other-host.key"));

        assertThatThrownBy(() -> JdbiStore.open(fixture.settings(), stranger, Clock.fixed(NOW, ZoneOffset.UTC)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("sealed under master key " + fixture.keys().active().id())
                .hasMessageContaining("copy the key file");
        try (JdbiStore again = fixture.open()) {
            assertThat(again.tokens().find(new Serial("A"))).describedAs("the refusal changed nothing").isPresent();
        }
    }

    @Test
    void aRunningStoreFollowsARotationDoneByAnotherProcessWithoutReopening() {
        Path keyFile = tempDir.resolve("keyfob.key");
        try (JdbiStore server = JdbiStore.open(fixture.settings(), keyFile, Clock.fixed(NOW, ZoneOffset.UTC))) {
            server.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
            assertThat(server.tokens().find(new Serial("A"))).isPresent();

            MasterKeyFile.appendNewKey(keyFile);
            try (JdbiStore admin = JdbiStore.open(fixture.settings(), keyFile, Clock.fixed(NOW, ZoneOffset.UTC))) {
                assertThat(admin.reencryptSecrets(ADMIN)).isEqualTo(1);
            }

            assertThat(server.tokens().find(new Serial("A")).orElseThrow().token().seed()
                    .matches(StoreFixture.seedFor("A"))).describedAs("the seed, now under the new key").isTrue();
        }
    }
}
