package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.codec.Base32;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.token.Serial;

class MasterKeyFileTest {
    private static final Actor ADMIN = Actor.admin("alice");

    @TempDir
    Path tempDir;

    private Path keyFile() {
        return tempDir.resolve("etc").resolve("keyfob.key");
    }

    private JdbiStore openStore(MasterKeys keys) {
        return JdbiStore.open(StoreSettings.h2File(tempDir.resolve("data")), keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String seedKeyId(String serial) throws SQLException {
        try (Connection c = DriverManager.getConnection(StoreSettings.h2File(tempDir.resolve("data")).url());
                PreparedStatement s = c.prepareStatement("SELECT seed_key_id FROM tokens WHERE serial = ?")) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).describedAs("token %s is in the database", serial).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void writePrivate(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(path, content, StandardCharsets.US_ASCII);
    }

    @Test
    void missingFileIsCreatedOwnerOnlyWithOneKey() throws IOException {
        MasterKeys keys = MasterKeyFile.loadOrCreate(keyFile());

        assertThat(keys.keys()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(keyFile())).filteredOn(l -> !l.startsWith("#")).hasSize(1);
    }

    @Test
    void loadingTwiceGivesTheSameKey() {
        MasterKeys first = MasterKeyFile.loadOrCreate(keyFile());
        MasterKeys second = MasterKeyFile.loadOrCreate(keyFile());

        assertThat(second.active().id()).isEqualTo(first.active().id());
        assertThat(second.active().secretKey().getEncoded()).isEqualTo(first.active().secretKey().getEncoded());
    }

    @Test
    void fileReadableByOthersIsRefusedNamingThePathAndTheFix() throws IOException {
        MasterKeyFile.loadOrCreate(keyFile());
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(keyFile().toString())
                .hasMessageContaining("chmod 600 " + keyFile());
    }

    @Test
    void appendingToAFileReadableByOthersIsRefused() throws IOException {
        MasterKeyFile.loadOrCreate(keyFile());
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> MasterKeyFile.appendNewKey(keyFile()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("chmod 600");
        assertThat(Files.readAllLines(keyFile())).filteredOn(l -> !l.startsWith("#")).hasSize(1);
    }

    @Test
    void malformedLineIsRefusedNamingFileAndLine() throws IOException {
        String good = "k1 " + Base64.getEncoder().encodeToString(new byte[MasterKey.BYTES]);
        writePrivate(keyFile(), "# keys\n" + good + "\nk2 not-base64-at-all!\n");

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(keyFile() + ":3: ");
    }

    @Test
    void lineWithoutAKeyIsRefusedNamingFileAndLine() throws IOException {
        writePrivate(keyFile(), "k1\n");

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(keyFile() + ":1: ")
                .hasMessageContaining("<id> <base64 key>");
    }

    @Test
    void keyOfTheWrongLengthIsRefusedNamingFileAndLine() throws IOException {
        writePrivate(keyFile(), "k1 " + Base64.getEncoder().encodeToString(new byte[16]) + "\n");

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile()))
                .isInstanceOf(StoreException.class)
                .hasMessage(keyFile() + ":1: master key must be 32 bytes, was 16; restore the file from your backup");
    }

    @Test
    void appendedKeyEncryptsNewRowsWhileOldRowsStillDecrypt() throws SQLException {
        MasterKeys before = MasterKeyFile.loadOrCreate(keyFile());
        try (JdbiStore store = openStore(before)) {
            store.tokens().addAll(List.of(hotp("OLD", 0)), ADMIN);
        }

        String newId = MasterKeyFile.appendNewKey(keyFile());
        MasterKeys after = MasterKeyFile.loadOrCreate(keyFile());

        assertThat(newId).isNotEqualTo(before.active().id());
        assertThat(after.keys()).extracting(MasterKey::id).containsExactly(before.active().id(), newId);
        assertThat(after.active().id()).isEqualTo(newId);
        try (JdbiStore store = openStore(after)) {
            assertThat(store.tokens().find(new Serial("OLD")).orElseThrow().token().seed()
                    .matches(StoreFixture.seedFor("OLD"))).isTrue();
            store.tokens().addAll(List.of(hotp("NEW", 0)), ADMIN);
            assertThat(store.tokens().find(new Serial("NEW")).orElseThrow().token().seed()
                    .matches(StoreFixture.seedFor("NEW"))).isTrue();
        }
        assertThat(seedKeyId("OLD")).isEqualTo(before.active().id());
        assertThat(seedKeyId("NEW")).isEqualTo(newId);
    }

    @Test
    void aKeyWithTheRightIdButWrongBytesIsDetectedNotMisread() throws IOException {
        MasterKeys original = MasterKeyFile.loadOrCreate(keyFile());
        try (JdbiStore store = openStore(original)) {
            store.tokens().addAll(List.of(hotp("A", 0)), ADMIN);
        }
        Path forged = tempDir.resolve("forged").resolve("keyfob.key");
        writePrivate(forged, original.active().id() + " "
                + Base64.getEncoder().encodeToString(new byte[MasterKey.BYTES]) + "\n");

        try (JdbiStore store = openStore(MasterKeyFile.loadOrCreate(forged))) {
            assertThatThrownBy(() -> store.tokens().find(new Serial("A")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("does not decrypt")
                    .hasMessageContaining("key file is not the one it was written with")
                    .satisfies(e -> assertNoSeed(e.getMessage(), "A"));
        }
    }

    private static void assertNoSeed(String message, String serial) {
        byte[] seed = StoreFixture.seedFor(serial).revealBytes();
        assertThat(message)
                .doesNotContainIgnoringCase(StoreFixture.seedHex(serial))
                .doesNotContain(Base32.encode(seed))
                .doesNotContain(Base64.getEncoder().encodeToString(seed));
    }
}
