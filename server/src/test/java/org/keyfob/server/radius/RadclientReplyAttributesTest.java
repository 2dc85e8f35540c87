package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keyfob.server.radius.RunningServer.PIN;
import static org.keyfob.server.radius.RunningServer.SECRET;
import static org.keyfob.server.radius.RunningServer.SEED_HEX;
import static org.keyfob.server.radius.RunningServer.USER;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.config.ReplyDictionary;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.ReplyAttribute;

/**
 * Reply attributes seen by a real NAS stand-in: radclient decodes the Access-Accept with
 * FreeRADIUS's own dictionaries and prints what it received, so a wrong type number, length or
 * vendor header shows up as a wrong or unknown attribute. The server loads the shipped
 * {@code etc/dictionary.vendors}, as keyfob.yaml's {@code radius.dictionary} would.
 */
class RadclientReplyAttributesTest {
    private static final Actor ADMIN = Actor.admin("e2e-test");

    @TempDir
    Path dir;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        Radclient.assumeInstalled();
        server = RunningServer.start(dir, ReplyDictionary.load(Optional.of(Path.of("../etc/dictionary.vendors"))));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Radclient.Result login() throws Exception {
        return Radclient.send(server.port(), "auth", SECRET, "User-Name = \"" + USER + "\"",
                "User-Password = \"" + PIN + Radclient.oathtool(SEED_HEX, 0) + "\"", "Message-Authenticator = 0x00");
    }

    @Test
    @DisplayName("RFC 2865 §5.25, §5.11, §5.26: Class, Filter-Id and a vendor attribute reach the NAS")
    void accessAcceptCarriesTheUsersReplyAttributes() throws Exception {
        server.store().users().setReplyAttributes(USER, List.of(
                new ReplyAttribute("Class", "group=staff"),
                new ReplyAttribute("Filter-Id", "vpn-staff"),
                new ReplyAttribute("Session-Timeout", "3600"),
                new ReplyAttribute("Fortinet-Group-Name", "vpn-users")), ADMIN);

        Radclient.Result result = login();

        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(result.output())
                .contains("Class = 0x67726f75703d7374616666")
                .contains("Filter-Id = \"vpn-staff\"")
                .contains("Session-Timeout = 3600")
                .contains("Fortinet-Group-Name = \"vpn-users\"");
        assertThat(server.counter("reply_attributes_dropped")).isZero();
    }

    @Test
    void aStoredAttributeTheServerCannotEncodeIsLeftOutAndTheRestAreSent() throws Exception {
        server.store().users().setReplyAttributes(USER, List.of(
                new ReplyAttribute("Session-Timeout", "an hour"),
                new ReplyAttribute("No-Such-Attribute", "x"),
                new ReplyAttribute("Filter-Id", "vpn-staff")), ADMIN);

        Radclient.Result result = login();

        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(result.output()).contains("Filter-Id = \"vpn-staff\"").doesNotContain("Session-Timeout");
        assertThat(server.counter("reply_attributes_dropped")).isEqualTo(2);
    }

    @Test
    void userWithoutReplyAttributesGetsABareAccept() throws Exception {
        Radclient.Result result = login();

        assertThat(result.accepted()).describedAs("radclient output:%n%s", result.output()).isTrue();
        assertThat(result.output()).doesNotContain("Filter-Id").doesNotContain("Class");
    }
}
