package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;

/**
 * {@code keyfob backup} and {@code keyfob restore} through the real entry point on H2 files: a
 * restored store logs users in with its tokens' state as backed up, restore needs --yes, and a
 * key file that cannot decrypt the backup leaves the store untouched. (The store tests run the
 * same on PostgreSQL: StoreBackupTest in oath-core.)
 */
class BackupRestoreCommandTest {
    private static final String SEED_HEX = "3132333435363738393031323334353637383930";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path original;
    private String out;
    private String err;

    @BeforeEach
    void storeWithALoggedInUser() throws Exception {
        original = config("original.yaml", "store:\n  data-dir: original\n");
        Files.writeString(dir.resolve("tokens.csv"), "serial,secret,counter\nFOB-1," + SEED_HEX + ",0\n");
        Files.writeString(dir.resolve("pin"), "4711\n");
        assertThat(keyfob(original, "token", "import", dir.resolve("tokens.csv").toString(), "--allow-short-seeds"))
                .isZero();
        assertThat(keyfob(original, "user", "add", "bob", "--pin-file", dir.resolve("pin").toString())).isZero();
        assertThat(keyfob(original, "token", "assign", "FOB-1", "bob")).isZero();
        assertThat(login(original, 0)).isZero();
    }

    @Test
    void restoredStoreAcceptsTheNextCodeAndRejectsTheOneUsedBeforeTheBackup() throws Exception {
        Path backup = dir.resolve("keyfob.backup");
        assertThat(keyfob(original, "backup", backup.toString())).isZero();
        assertThat(out).contains("backed up to " + backup).contains("1 tokens").contains("1 users");
        assertThat(err).contains("WARNING: the master key file (" + dir.resolve("original/keyfob.key") + ") is NOT in this backup");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

        Path restored = config("restored.yaml", "store:\n  data-dir: restored\n  key-file: "
                + dir.resolve("original/keyfob.key") + "\n");
        assertThat(keyfob(restored, "restore", backup.toString())).isEqualTo(1);
        assertThat(err).contains("add --yes to do it");
        assertThat(keyfob(restored, "restore", backup.toString(), "--check")).isZero();
        assertThat(out).contains("can be restored").contains("Nothing was changed");
        assertThat(keyfob(restored, "restore", backup.toString(), "--yes")).isZero();
        assertThat(out).contains("restored " + backup);

        assertThat(login(restored, 0)).describedAs("the code used before the backup").isEqualTo(1);
        assertThat(out).contains("reason=REPLAY");
        assertThat(login(restored, 1)).isZero();
        assertThat(out).contains("ACCEPT user=bob serial=FOB-1");
    }

    @Test
    void backupNeverOverwrites() throws Exception {
        Path backup = Files.writeString(dir.resolve("exists.backup"), "precious");

        assertThat(keyfob(original, "backup", backup.toString())).isEqualTo(1);

        assertThat(err).contains("exists; backup never overwrites");
        assertThat(Files.readString(backup)).isEqualTo("precious");
    }

    @Test
    void aKeyFileThatCannotDecryptTheBackupLeavesTheStoreAsItWas() throws Exception {
        Path backup = dir.resolve("keyfob.backup");
        assertThat(keyfob(original, "backup", backup.toString())).isZero();
        Path other = config("other.yaml", "store:\n  data-dir: other\n");
        Files.writeString(dir.resolve("other.csv"), "serial,secret,counter\nOTHER-1," + SEED_HEX + ",0\n");
        assertThat(keyfob(other, "token", "import", dir.resolve("other.csv").toString(), "--allow-short-seeds")).isZero();

        assertThat(keyfob(other, "restore", backup.toString(), "--yes")).isEqualTo(1);

        assertThat(err).contains("which the key file does not hold").contains("the store is unchanged")
                .contains(dir.resolve("other/keyfob.key").toString());
        assertThat(keyfob(other, "token", "list", "--output", "csv")).isZero();
        assertThat(out).contains("OTHER-1").doesNotContain("FOB-1");
    }

    private Path config(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private int login(Path config, long counter) throws Exception {
        String code = Hotp.generate(HashAlgorithm.SHA1, Seed.of(HexFormat.of().parseHex(SEED_HEX)), counter, 6);
        Path password = Files.writeString(dir.resolve("password"), "4711" + code);
        return keyfob(config, "check", "bob", "--password-file", password.toString());
    }

    private int keyfob(Path config, String... args) {
        KeyfobRun run = KeyfobRun.of(config, CLOCK, args);
        out = run.out();
        err = run.err();
        return run.code();
    }
}
