package org.keyfob.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.cli.support.Session;

/**
 * {@code keyfob user set-reply} and {@code keyfob user show} through the real entry point, on a
 * real H2 store, with a vendor dictionary in keyfob.yaml as keyfobd would load it.
 */
class UserReplyCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws Exception {
        Files.writeString(dir.resolve("vendors.dict"), """
                VENDOR Fortinet 12356
                BEGIN-VENDOR Fortinet
                ATTRIBUTE Fortinet-Group-Name 1 string
                END-VENDOR Fortinet
                """);
        config = Files.writeString(dir.resolve("keyfob.yaml"),
                "radius:\n  dictionary: vendors.dict\nstore:\n  data-dir: data\n");
    }

    private int keyfob(String... args) {
        KeyfobRun run = KeyfobRun.of(config, CLOCK, args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    @Test
    void setReplyStoresStandardAndVendorAttributesAndShowListsThemInOrder() {
        keyfob("user", "add", "bob");

        assertThat(keyfob("user", "set-reply", "bob", "Class=staff", "Filter-Id=vpn staff",
                "Fortinet-Group-Name=vpn-users", "Session-Timeout=3600")).isZero();
        assertThat(out).isEqualTo("set 4 reply attribute(s) for bob" + System.lineSeparator());

        assertThat(keyfob("user", "show", "bob", "--output", "csv")).isZero();
        assertThat(out).contains("reply,Class=staff", "reply,Filter-Id=vpn staff",
                "reply,Fortinet-Group-Name=vpn-users", "reply,Session-Timeout=3600");
        assertThat(out.indexOf("Class=staff")).isLessThan(out.indexOf("Session-Timeout=3600"));
    }

    @Test
    void setReplyReplacesTheWholeSetAndClearRemovesIt() {
        keyfob("user", "add", "bob");
        keyfob("user", "set-reply", "bob", "Class=staff", "Filter-Id=a");

        keyfob("user", "set-reply", "bob", "Filter-Id=b");
        keyfob("user", "show", "bob", "--output", "csv");
        assertThat(out).contains("reply,Filter-Id=b").doesNotContain("Class=staff");

        assertThat(keyfob("user", "set-reply", "bob", "--clear")).isZero();
        assertThat(out).contains("cleared the reply attributes of bob");
        keyfob("user", "show", "bob", "--output", "csv");
        assertThat(out).doesNotContain("reply,");
    }

    @Test
    void everyBadPairIsReportedAndNothingIsStored() {
        keyfob("user", "add", "bob");
        keyfob("user", "set-reply", "bob", "Class=staff");

        assertThat(keyfob("user", "set-reply", "bob", "Filter-ID=x", "Session-Timeout=an hour",
                "Framed-IP-Address=vpn.example.org", "novalue", "Filter-Id=fine")).isEqualTo(1);

        assertThat(err).contains("nothing stored")
                .contains("argument 2: Filter-ID: no such attribute in the RADIUS dictionary")
                .contains("argument 3: Session-Timeout: \"an hour\" is not a valid integer")
                .contains("argument 4: Framed-IP-Address: \"vpn.example.org\" is not an ipaddr")
                .contains("argument 5 \"novalue\": expected NAME=VALUE");
        keyfob("user", "show", "bob", "--output", "csv");
        assertThat(out).contains("reply,Class=staff").doesNotContain("Filter-Id=fine");
    }

    @Test
    void attributeTheServerWritesItselfIsRefused() {
        keyfob("user", "add", "bob");

        assertThat(keyfob("user", "set-reply", "bob", "Message-Authenticator=x")).isEqualTo(1);
        assertThat(err).contains("Message-Authenticator: cannot be a reply attribute");
    }

    @Test
    void pairsAndClearTogetherOrNeitherIsAUsageError() {
        keyfob("user", "add", "bob");

        assertThat(keyfob("user", "set-reply", "bob")).isEqualTo(2);
        assertThat(err).contains("give either NAME=VALUE pairs or --clear, found neither");
        assertThat(keyfob("user", "set-reply", "bob", "--clear", "Class=x")).isEqualTo(2);
        assertThat(err).contains("not both");
    }

    @Test
    void unknownUserIsRefused() {
        assertThat(keyfob("user", "set-reply", "nobody", "Class=staff")).isEqualTo(1);
        assertThat(err).contains("no user nobody");
        assertThat(keyfob("user", "show", "nobody")).isEqualTo(1);
        assertThat(err).contains("no user nobody");
    }

    @Test
    void showGivesPinAndLockStateButNeverTheHash() throws Exception {
        keyfob("user", "add", "bob", "--pin-file", Files.writeString(dir.resolve("pin"), "4711").toString());

        assertThat(keyfob("user", "show", "bob", "--output", "csv")).isZero();

        assertThat(out).contains("user,bob", "pin,yes", "failures,0", "locked,no").doesNotContain("pbkdf2");
    }

    @Test
    void setReplyIsAuditedWithNamesButNotValues() {
        keyfob("user", "add", "bob");
        keyfob("user", "set-reply", "bob", "Class=secret-group");

        assertThat(keyfob("audit", "--event", "E_USER_MODIFIED", "--output", "csv")).isZero();
        assertThat(out).contains("admin:alice-admin", "reply attributes set: Class").doesNotContain("secret-group");
    }
}
