package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;
import static org.keyfob.oath.store.jdbi.StoreFixture.seedFor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEntry;
import org.keyfob.oath.store.AuditEvent;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.BackupSummary;
import org.keyfob.oath.store.RadiusClient;
import org.keyfob.oath.store.ReplyAttribute;
import org.keyfob.oath.store.RestoreMode;
import org.keyfob.oath.store.RestoreOutcome;
import org.keyfob.oath.store.SharedSecret;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.verify.OtpPolicy;
import org.keyfob.oath.verify.Verification;
import org.keyfob.oath.verify.Verifier;

/**
 * Backup and restore: a store restored from a backup verifies codes with its tokens' state as it
 * was (a code used before the backup stays used), and a backup whose secrets the current key file
 * cannot open is refused before anything is replaced.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class StoreBackupTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Verifier VERIFIER = new Verifier(OtpPolicy.DEFAULT);
    private static final Serial SERIAL = new Serial("BK-1");

    /** The store restored into: fresh, empty, on the same backend; its key file is chosen per test. */
    private StoreSettings targetSettings;
    private JdbiStore target;

    @BeforeEach
    void fillSource() {
        store.tokens().addAll(List.of(hotp("BK-1", 0), hotp("BK-2", 7)), ADMIN);
        store.users().add("bob", Optional.of("$pin-hash$"), ADMIN);
        store.users().setReplyAttributes("bob", List.of(new ReplyAttribute("Filter-Id", "vpn-users")), ADMIN);
        store.tokens().assign(SERIAL, "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);
        store.clients().add(new RadiusClient("vpn1", "192.0.2.10", SharedSecret.of("a-long-shared-secret"), Map.of()),
                ADMIN);
        // Use the code for counter 0, so the backup holds counter 1.
        assertThat(verifyAndStore(store, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 0, 6)))
                .isInstanceOf(Verification.Accepted.class);
    }

    @AfterEach
    void dropTarget() {
        if (target != null) {
            target.close();
            backend.drop(targetSettings);
        }
    }

    @Test
    void restoredStoreVerifiesCodesAndRemembersUsedOnes() {
        byte[] backup = backup(store);
        target = openTarget(tempDir.resolve("target"), fixture.keys());

        RestoreOutcome outcome = target.restore(in(backup), RestoreMode.REPLACE, ADMIN);

        assertThat(outcome).isInstanceOf(RestoreOutcome.Restored.class);
        BackupSummary summary = ((RestoreOutcome.Restored) outcome).summary();
        assertThat(summary.count("tokens")).isEqualTo(2);
        assertThat(summary.keyIds()).containsExactly(fixture.keys().active().id());
        assertThat(verifyAndStore(target, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 0, 6)))
                .describedAs("the code used before the backup").isInstanceOf(Verification.Rejected.class);
        assertThat(verifyAndStore(target, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 1, 6)))
                .describedAs("the next code").isInstanceOf(Verification.Accepted.class);
        assertThat(target.tokens().usersOf(SERIAL)).containsExactly("bob");
        assertThat(target.users().find("bob").orElseThrow().pinHash()).contains("$pin-hash$");
        assertThat(target.users().replyAttributes("bob")).containsExactly(new ReplyAttribute("Filter-Id", "vpn-users"));
        assertThat(target.clients().list()).singleElement()
                .satisfies(c -> assertThat(c.secret().matches(SharedSecret.of("a-long-shared-secret"))).isTrue());
        assertThat(target.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_STORE_RESTORED))).hasSize(1);
    }

    @Test
    void restoringAnOlderBackupInPlaceKeepsCodesUsedSinceThenUsed() {
        byte[] backup = backup(store);
        assertThat(verifyAndStore(store, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 1, 6)))
                .describedAs("a code used after the backup").isInstanceOf(Verification.Accepted.class);

        assertThat(store.restore(in(backup), RestoreMode.REPLACE, ADMIN)).isInstanceOf(RestoreOutcome.Restored.class);

        assertThat(verifyAndStore(store, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 1, 6)))
                .describedAs("the same code after restoring the older backup").isInstanceOf(Verification.Rejected.class);
        assertThat(verifyAndStore(store, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 2, 6)))
                .describedAs("the next code").isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void aBackupMovesTheStoreToTheOtherDatabase() {
        byte[] backup = backup(store);
        Backend other = backend == Backend.H2 ? Backend.POSTGRESQL : Backend.H2;
        StoreSettings otherSettings = other.freshSettings(tempDir.resolve("other"));
        try (JdbiStore moved = JdbiStore.open(otherSettings, fixture.keys(), Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(moved.restore(in(backup), RestoreMode.REPLACE, ADMIN)).isInstanceOf(RestoreOutcome.Restored.class);

            assertThat(verifyAndStore(moved, Hotp.generate(HashAlgorithm.SHA1, seedFor("BK-1"), 1, 6)))
                    .isInstanceOf(Verification.Accepted.class);
            assertThat(moved.users().find("bob").orElseThrow().created())
                    .isEqualTo(store.users().find("bob").orElseThrow().created());
        } finally {
            other.drop(otherSettings);
        }
    }

    @Test
    void rowsAddedAfterARestoreGetNewIds() {
        byte[] backup = backup(store);
        target = openTarget(tempDir.resolve("target"), fixture.keys());
        assertThat(target.restore(in(backup), RestoreMode.REPLACE, ADMIN)).isInstanceOf(RestoreOutcome.Restored.class);

        assertThat(target.users().add("carol", Optional.empty(), ADMIN)).isTrue();
        target.tokens().addAll(List.of(hotp("BK-3", 0)), ADMIN);
        target.tokens().assign(new Serial("BK-3"), "carol", AssignmentLimits.ONE_TO_ONE, ADMIN);

        assertThat(target.tokens().usersOf(new Serial("BK-3"))).containsExactly("carol");
        assertThat(target.tokens().serials()).hasSize(3);
    }

    @Test
    void auditBlocksComeBackAndEventsAfterTheRestoreGetHigherIds() {
        List<AuditEvent> logins = List.of(
                AuditEvent.of(NOW, AuditEventType.E_LOGIN_SUCCEEDED, Actor.client("vpn1"), "bob", SERIAL, "in a block"),
                AuditEvent.of(NOW, AuditEventType.E_LOGIN_FAILED, Actor.client("vpn1"), "bob", SERIAL, "also"));
        long first = AuditBlocks.reserve(store.jdbi(), logins.size());
        store.jdbi().useTransaction(h -> AuditBlocks.insert(h, StoredAudit.pending(logins), first));
        List<AuditEntry> written = store.audit().query(AuditQuery.ALL);
        byte[] backup = backup(store);
        target = openTarget(tempDir.resolve("target"), fixture.keys());
        assertThat(target.restore(in(backup), RestoreMode.REPLACE, ADMIN)).isInstanceOf(RestoreOutcome.Restored.class);

        List<AuditEntry> restored = target.audit().query(AuditQuery.ALL);
        assertThat(restored).containsAll(written);
        assertThat(restored.get(restored.size() - 1).event().type()).isEqualTo(AuditEventType.E_STORE_RESTORED);
        assertThat(restored.get(restored.size() - 1).id()).isGreaterThan(first + 1);
    }

    @Test
    void backupWithSecretsTheKeyFileCannotOpenIsRefusedAndChangesNothing() {
        byte[] backup = backup(store);
        MasterKeys otherKeys = MasterKeyFile.loadOrCreate(tempDir.resolve("other.key"));
        target = openTarget(tempDir.resolve("target"), otherKeys);
        target.tokens().addAll(List.of(hotp("KEEP-1", 0)), ADMIN);

        RestoreOutcome outcome = target.restore(in(backup), RestoreMode.REPLACE, ADMIN);

        assertThat(outcome).isInstanceOf(RestoreOutcome.Refused.class);
        assertThat(((RestoreOutcome.Refused) outcome).problems())
                .hasSize(3) // two seeds and one client secret
                .allSatisfy(p -> assertThat(p).contains(fixture.keys().active().id()).contains("key file"));
        assertThat(target.tokens().serials()).containsExactly(new Serial("KEEP-1"));
    }

    @Test
    void checkOnlyReportsWithoutWriting() {
        byte[] backup = backup(store);
        target = openTarget(tempDir.resolve("target"), fixture.keys());

        RestoreOutcome outcome = target.restore(in(backup), RestoreMode.CHECK_ONLY, ADMIN);

        assertThat(outcome).isInstanceOf(RestoreOutcome.Checked.class);
        assertThat(target.tokens().count()).isZero();
    }

    @Test
    void truncatedBackupIsRefused() {
        byte[] backup = backup(store);
        target = openTarget(tempDir.resolve("target"), fixture.keys());

        RestoreOutcome outcome = target.restore(in(Arrays.copyOf(backup, backup.length / 2)), RestoreMode.REPLACE,
                ADMIN);

        assertThat(outcome).isInstanceOf(RestoreOutcome.Refused.class);
        assertThat(target.tokens().count()).isZero();
    }

    @Test
    void backupHoldsNoSeedAndNoKeyInTheClear() throws Exception {
        byte[] backup = backup(store);
        String text = new String(new GZIPInputStream(in(backup)).readAllBytes(), StandardCharsets.UTF_8);
        // Binary values are stored encoded: search their decoded bytes, and the text as written.
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (BackupFile.TableRows table : BackupFile.read(in(backup)).tables()) {
            for (List<Object> row : table.rows()) {
                row.stream().filter(byte[].class::isInstance).forEach(v -> binary.writeBytes((byte[]) v));
            }
        }
        assertThat(binary.size()).describedAs("sealed seeds and secrets were found to search").isPositive();

        for (String serial : List.of("BK-1", "BK-2")) {
            byte[] seed = seedFor(serial).revealBytes();
            assertThat(SeedEncodings.indexOf(binary.toByteArray(), seed)).describedAs("seed %s in the rows", serial)
                    .isNegative();
            assertThat(text).doesNotContain(HexFormat.of().formatHex(seed))
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(seed));
        }
        assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(
                fixture.keys().active().secretKey().getEncoded()));
        assertThat(text).contains("MASTER KEY FILE IS NOT IN THIS BACKUP");
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_STORE_BACKED_UP))).hasSize(1);
    }

    private JdbiStore openTarget(Path dir, MasterKeys keys) {
        targetSettings = backend.freshSettings(dir);
        return JdbiStore.open(targetSettings, keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static byte[] backup(JdbiStore from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        from.backup(out, ADMIN);
        return out.toByteArray();
    }

    private static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** What keyfobd does with a code: verify against the stored state, then store the next state. */
    private static Verification verifyAndStore(JdbiStore on, String code) {
        StoredToken stored = on.tokens().find(SERIAL).orElseThrow();
        Verification v = VERIFIER.verify(stored.token(), code, NOW);
        TokenStateHolder.store(on, stored, v);
        return v;
    }

    private static final class TokenStateHolder {
        static void store(JdbiStore on, StoredToken stored, Verification v) {
            var next = v instanceof Verification.Accepted a ? a.next()
                    : v instanceof Verification.Rejected r ? r.next() : null;
            if (next != null) {
                assertThat(on.tokens().compareAndSetState(SERIAL, stored.version(), next)).isTrue();
            }
        }
    }
}
