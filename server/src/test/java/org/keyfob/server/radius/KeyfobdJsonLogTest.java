package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.codec.Base32;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * keyfobd with the shipped etc/logback-json.xml, in its own JVM, answering radclient: every line it
 * writes is one JSON object (checked by Python's strict json module), the authentication lines
 * carry user, nas, result, reason, serial and ms as fields, and neither passwords, codes, the
 * shared secret nor the seed appear anywhere.
 */
class KeyfobdJsonLogTest {

    @TempDir
    Path dir;

    @Test
    void jsonModeWritesParseableLinesWithTheAuthFieldsAndNoSecrets() throws Exception {
        Radclient.assumeInstalled();
        EmbeddedKeyfobd server = EmbeddedKeyfobd.seeded(dir);
        String good = PIN + Radclient.oathtool(SEED_HEX, 0);
        String badPin = "0000" + Radclient.oathtool(SEED_HEX, 1);

        List<String> lines;
        try (KeyfobdProcess keyfobd = server.start(KeyfobdProcess.etc("logback-json.xml"))) {
            assertThat(server.login(good).accepted()).isTrue();
            assertThat(server.login(badPin).rejected()).isTrue();
            keyfobd.awaitLine("result=REJECT");
            lines = keyfobd.stop();
        }

        assertThat(strictJsonProblems(lines)).describedAs("Python's json.loads on each line").isEmpty();
        List<Map<String, Object>> events = lines.stream().map(KeyfobdJsonLogTest::parse).toList();
        assertThat(events).anySatisfy(e -> assertThat(e)
                .containsEntry("level", "INFO")
                .containsEntry("loggerName", "org.keyfob.server.Keyfobd")
                .hasEntrySatisfying("formattedMessage", m -> assertThat((String) m)
                        .contains("listening on 127.0.0.1:" + server.port()).contains("metrics off")));
        List<Map<String, String>> auth = events.stream().filter(e -> "keyfob.auth".equals(e.get("loggerName")))
                .map(KeyfobdJsonLogTest::keyValues).toList();
        assertThat(auth).hasSize(2);
        assertThat(auth.get(0)).containsEntry("user", USER).containsEntry("nas", "e2e")
                .containsEntry("result", "ACCEPT").containsEntry("reason", "")
                .containsEntry("serial", RunningServer.SERIAL.value()).containsKey("ms");
        assertThat(auth.get(1)).containsEntry("user", USER).containsEntry("result", "REJECT")
                .containsEntry("reason", "BAD_PIN");
        assertThat(auth.get(1).get("ms")).matches("\\d+");

        byte[] seed = HexFormat.of().parseHex(SEED_HEX);
        String output = String.join("\n", lines);
        for (String secret : List.of(good, badPin, SECRET, SEED_HEX, SEED_HEX.toUpperCase(), Base32.encode(seed),
                Base64.getEncoder().encodeToString(seed))) {
            assertThat(output).describedAs("keyfobd's JSON output").doesNotContain(secret);
        }
    }

    /** JSON is YAML 1.2, so SnakeYAML Engine with the JSON schema reads the fields (Python checked the syntax). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        Load load = new Load(LoadSettings.builder().setSchema(new JsonSchema()).build());
        return (Map<String, Object>) load.loadFromString(line);
    }

    /** logback's kvpList, a list of one-entry objects, as one map, values as text. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> keyValues(Map<String, Object> event) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object pair : (List<Object>) event.get("kvpList")) {
            ((Map<String, Object>) pair).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    /** Each line through Python's json.loads, which accepts nothing JSON does not; the problems it reports. */
    private static String strictJsonProblems(List<String> lines) throws Exception {
        Process python;
        try {
            python = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            python.getInputStream().readAllBytes();
            python.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            abort("python3 is not installed (it checks the JSON strictly); install the Debian package python3");
        }
        python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import json, sys",
                "for n, line in enumerate(sys.stdin, 1):",
                "    try:",
                "        assert isinstance(json.loads(line), dict), 'not an object'",
                "    except Exception as e:",
                "        print(f'line {n}: {e}: {line.strip()}')"))
                .redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String problems = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).describedAs("python3: %s", problems).isZero();
        return problems;
    }
}
