package org.keyfob.oath.store.jdbi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.keyfob.oath.store.StoreException;

/**
 * The master key file: one key per line, {@code <id> <base64 of 32 bytes>}, the last line active.
 * Created with mode 0600 on first start; refused if group or others may read it.
 */
public final class MasterKeyFile {
    private static final String HEADER = """
            # Keyfob master keys: they encrypt the token seeds and RADIUS client secrets in the store.
            # Keep this file secret (mode 0600) and back it up apart from the database: without it the
            # seeds cannot be decrypted. The last key encrypts new rows; earlier keys only decrypt.
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MasterKeyFile() {
    }

    /** Loads the keys at {@code path}, creating the file with a fresh key if it does not exist. */
    public static MasterKeys loadOrCreate(Path path) {
        try {
            if (Files.notExists(path)) {
                create(path);
            }
            return load(path);
        } catch (IOException e) {
            throw new StoreException("cannot read or create master key file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends a new key, which becomes the active one; returns its id. */
    public static String appendNewKey(Path path) {
        try {
            checkPrivate(path);
            String line = newKeyLine();
            Files.writeString(path, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            return line.substring(0, line.indexOf(' '));
        } catch (IOException e) {
            throw new StoreException("cannot append to master key file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the keys at {@code path} again, for a store that met a key id it did not know. */
    static MasterKeys reload(Path path) {
        try {
            return load(path);
        } catch (IOException e) {
            throw new StoreException("cannot read master key file " + path + ": " + e.getMessage(), e);
        }
    }

    static MasterKeys load(Path path) throws IOException {
        checkPrivate(path);
        List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
        List<MasterKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected \"<id> <base64 key>\"");
                }
                keys.add(new MasterKey(parts[0], Base64.getDecoder().decode(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new StoreException(path + ":" + (i + 1) + ": " + e.getMessage()
                        + "; restore the file from your backup");
            }
        }
        if (keys.isEmpty()) {
            throw new StoreException(path + ": holds no key; restore the file from your backup");
        }
        return new MasterKeys(keys);
    }

    private static void create(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        byte[] content = (HEADER + newKeyLine()).getBytes(StandardCharsets.US_ASCII);
        if (isPosix(path.toAbsolutePath().getParent())) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        Files.write(path, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }

    private static String newKeyLine() {
        byte[] key = new byte[MasterKey.BYTES];
        RANDOM.nextBytes(key);
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String id = LocalDate.now().toString().replace("-", "") + "-" + HexFormat.of().formatHex(suffix);
        return id + " " + Base64.getEncoder().encodeToString(key) + "\n";
    }

    private static void checkPrivate(Path path) throws IOException {
        if (!isPosix(path)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        if (perms.stream().anyMatch(open::contains)) {
            throw new StoreException("master key file " + path + " is open to group or others (mode "
                    + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + path);
        }
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
