package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.provision.ImportedToken;

/** A bulk file of 100,000 keys, written to a temporary file as it is generated, imports whole. */
class PskcLargeFileTest {
    private static final int KEYS = 100_000;

    @TempDir
    Path dir;

    @Test
    void hundredThousandKeysImport() throws Exception {
        Path file = dir.resolve("bulk.pskcxml");
        Random random = new Random(6030);
        byte[] secret = new byte[20];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\"?>\n<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n");
            for (int i = 0; i < KEYS; i++) {
                random.nextBytes(secret);
                out.write(PskcXml.keyPackage(String.format("BULK%07d", i), PskcXml.HOTP,
                        "<ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>",
                        PskcXml.secret(Base64.getEncoder().encodeToString(secret))
                                + "<Counter><PlainValue>" + i + "</PlainValue></Counter>"));
                out.write('\n');
            }
            out.write("</KeyContainer>\n");
        }

        List<ImportedToken> tokens;
        try (InputStream in = Files.newInputStream(file)) {
            tokens = new PskcReader(PskcKey.none()).read(in, "bulk.pskcxml");
        }

        assertThat(tokens).hasSize(KEYS);
        assertThat(tokens.get(KEYS - 1).token().serial().value()).isEqualTo("BULK0099999");
        assertThat(tokens.get(KEYS - 1).token().state().counter()).isEqualTo(KEYS - 1);
        assertThat(tokens.get(KEYS - 1).origin()).isEqualTo("bulk.pskcxml: KeyPackage 100000");
    }
}
