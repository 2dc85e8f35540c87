package org.keyfob.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keyfob.cli.support.Session;

/** One run of the real {@code keyfob} entry point with {@code --config}, as admin alice-admin. */
record KeyfobRun(int code, String out, String err) {

    static KeyfobRun of(Path config, Clock clock, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int code = KeyfobCommand.newCommandLine(new Session("alice-admin", clock))
                .setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true))
                .execute(all.toArray(String[]::new));
        return new KeyfobRun(code, o.toString(), e.toString());
    }

    /** A run whose standard input (where confirmations and next codes are read) holds {@code stdin}. */
    static KeyfobRun withInput(String stdin, Path config, Clock clock, String... args) {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return of(config, clock, args);
        } finally {
            System.setIn(saved);
        }
    }
}
