package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.store.Actor;

/**
 * The embedded default must serve the server and the admin tool at once: while one process
 * holds the H2 file, another opens it (H2 AUTO_SERVER) and each sees the other's changes at once.
 */
class SharedH2FileTest {

    @TempDir
    Path tempDir;

    @Test
    void aSecondProcessSeesChangesWhileTheFirstHoldsTheFile() throws Exception {
        Path keyFile = tempDir.resolve("keyfob.key");
        MasterKeys keys = MasterKeyFile.loadOrCreate(keyFile);
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), StoreHolder.class.getName(),
                tempDir.toString(), keyFile.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(holder.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(readUntil(out, "ready")).isEqualTo("ready");

            try (JdbiStore admin = JdbiStore.open(StoreSettings.h2File(tempDir), keys, Clock.systemUTC())) {
                admin.tokens().addAll(List.of(hotp("FROM-ADMIN", 0)), Actor.admin("alice"));
                in.println("count");
                assertThat(readUntil(out, "count ")).isEqualTo("count 1");

                in.println("add");
                assertThat(readUntil(out, "added")).isEqualTo("added");
                assertThat(admin.tokens().count()).isEqualTo(2);
            }
            in.println("quit");
        } finally {
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String readUntil(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return "<holder exited before \"" + prefix + "\">";
    }

    /** The other process: opens the store first, then answers commands on stdin. */
    public static final class StoreHolder {
        public static void main(String[] args) throws Exception {
            MasterKeys keys = MasterKeyFile.loadOrCreate(Path.of(args[1]));
            try (JdbiStore store = JdbiStore.open(StoreSettings.h2File(Path.of(args[0])), keys, Clock.systemUTC());
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                System.out.println("ready");
                String command;
                while ((command = in.readLine()) != null && !command.equals("quit")) {
                    if (command.equals("count")) {
                        System.out.println("count " + store.tokens().count());
                    } else if (command.equals("add")) {
                        store.tokens().addAll(List.of(hotp("FROM-SERVER", 0)), Actor.client("vpn1"));
                        System.out.println("added");
                    }
                }
            }
        }
    }
}
