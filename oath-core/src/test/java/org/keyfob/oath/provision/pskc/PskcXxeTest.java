package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.provision.ImportException;

/** A PSKC file is untrusted input: it must not make Keyfob read a local file (XXE). */
class PskcXxeTest {
    private static final String CANARY = "canary-7f3a9c-do-not-leak";

    @TempDir
    Path dir;

    @Test
    void externalEntityPointingAtALocalFileIsRefusedUnread() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), CANARY);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE KeyContainer [ <!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\"> ]>\n"
                + PskcXml.container(PskcXml.keyPackage("&xxe;", PskcXml.HOTP, "", PskcXml.secret(PskcXml.SECRET)))
                        .replace("<?xml version=\"1.0\"?>\n", "");

        ImportException e = PskcXml.refused(xml, PskcKey.none());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).startsWith("test.pskc: element DOCTYPE");
            assertThat(p.message()).contains("DTDs are refused", "Remove the DOCTYPE");
        });
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(CANARY));
    }

    @Test
    void internalEntityExpansionIsRefusedToo() {
        String xml = "<!DOCTYPE KeyContainer [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"> ]>\n"
                + PskcXml.container(PskcXml.keyPackage("&b;", PskcXml.HOTP, "", PskcXml.secret(PskcXml.SECRET)));

        assertThat(PskcXml.refused(xml, PskcKey.none()).getMessage()).contains("DTDs are refused");
    }
}
