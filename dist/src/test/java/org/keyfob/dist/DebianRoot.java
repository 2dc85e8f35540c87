package org.keyfob.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Debian system in a directory, with a Java 17 runtime, adduser and systemd: what a
 * server has before {@code apt install keyfob}. debootstrap builds it once (about a minute) into a
 * cache directory, by default {@code ~/.cache/keyfob/debian-root-<suite>}, which any machine can
 * create; each test works on a fresh copy of it. Commands run inside with {@code unshare}: their
 * own mount namespace, /proc mounted, root directory changed, and a clean environment (so the
 * host's JAVA_HOME does not leak in).
 */
final class DebianRoot {
    static final String SUITE = System.getProperty("keyfob.debian-suite", "bookworm");
    static final String MIRROR = System.getProperty("keyfob.debian-mirror", "http://deb.debian.org/debian");
    private static final String PACKAGES = "openjdk-17-jre-headless,adduser,systemd";
    private static final String COMPLETE = ".keyfob-root-complete";

    private final Path dir;

    private DebianRoot(Path dir) {
        this.dir = dir;
    }

    /** A fresh copy of the cached root at {@code target}, building the cache first if needed. */
    static DebianRoot freshCopy(Path target) throws IOException, InterruptedException {
        Path cache = cacheDir();
        if (!Files.exists(cache.resolve(COMPLETE))) {
            build(cache);
        }
        delete(target);
        Files.createDirectories(target.getParent());
        Command copy = Command.run("cp", "-a", cache.toString(), target.toString());
        assertThat(copy.exit()).describedAs("copying the cached Debian root: %s", copy).isZero();
        // The host's name must resolve, as on an installed system: H2's AUTO_SERVER looks it up.
        Files.copy(Path.of("/etc/hosts"), target.resolve("etc/hosts"), StandardCopyOption.REPLACE_EXISTING);
        return new DebianRoot(target);
    }

    static Path cacheDir() {
        String configured = System.getProperty("keyfob.debian-root-cache");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "keyfob", "debian-root-" + SUITE);
    }

    private static void build(Path cache) throws IOException, InterruptedException {
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        delete(partial);
        delete(cache);
        Files.createDirectories(partial.getParent());
        Command debootstrap = Command.run(15, List.of("debootstrap", "--variant=minbase", "--include=" + PACKAGES,
                SUITE, partial.toString(), MIRROR));
        assertThat(debootstrap.exit()).describedAs("debootstrap %s into %s from %s: %s", SUITE, partial, MIRROR,
                debootstrap).isZero();
        Files.createFile(partial.resolve(COMPLETE));
        Files.move(partial, cache);
    }

    Path dir() {
        return dir;
    }

    /** A path inside the root, e.g. {@code path("/etc/keyfob/keyfob.yaml")}. */
    Path path(String absolute) {
        return dir.resolve(absolute.substring(1));
    }

    /** Runs {@code command} inside the root, as root, with a clean environment. */
    Command run(String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc",
                "--root=" + dir, "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "HOME=/root"));
        all.addAll(List.of(command));
        return Command.run(5, all);
    }

    void delete() throws IOException, InterruptedException {
        delete(dir);
    }

    private static void delete(Path path) throws IOException, InterruptedException {
        if (Files.exists(path)) {
            Command rm = Command.run("rm", "-rf", "--one-file-system", path.toString());
            assertThat(rm.exit()).describedAs("removing %s: %s", path, rm).isZero();
        }
    }
}
