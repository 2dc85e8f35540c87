package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keyfob.oath.store.ReplyAttribute;

class ReplyDictionaryTest {
    private static final ReplyDictionary STANDARD = ReplyDictionary.standard();

    private static String hex(WireAttribute attribute) {
        return attribute.type() + ":" + HexFormat.of().formatHex(attribute.value());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReplyDictionaryTest.class.getResource("/" + name).toURI());
    }

    @ParameterizedTest(name = "{0}={1}")
    @DisplayName("RFC 2865 §5: standard attributes in their wire form")
    @CsvSource(delimiter = '|', value = {
        "Filter-Id         | vpn-staff  | 11:76706e2d7374616666",
        "Class             | staff      | 25:7374616666",
        "Reply-Message     | Welcome é  | 18:57656c636f6d6520c3a9",
        "Session-Timeout   | 3600       | 27:00000e10",
        "Framed-IP-Address | 10.0.0.5   | 8:0a000005",
        "Service-Type      | Framed-User| 6:00000002",
    })
    void encodesStandardAttributes(String name, String value, String wire) {
        assertThat(hex(STANDARD.encode(new ReplyAttribute(name, value)))).isEqualTo(wire);
    }

    @Test
    @DisplayName("RFC 2868 §3: a tagged integer gives its first octet to tag 0")
    void encodesTaggedIntegerWithTagZero() throws Exception {
        ReplyDictionary withTunnel = ReplyDictionary.load(Optional.of(resource("dictionary.test")));

        assertThat(hex(withTunnel.encode(new ReplyAttribute("Tunnel-Type", "VLAN")))).isEqualTo("64:0000000d");
        assertThatThrownBy(() -> withTunnel.encode(new ReplyAttribute("Tunnel-Type", "16777216")))
                .hasMessageContaining("the tag takes the first octet");
    }

    @Test
    void unknownNameIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> STANDARD.encode(new ReplyAttribute("Filter-ID", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Filter-ID: no such attribute in the RADIUS dictionary")
                .hasMessageContaining("radius.dictionary");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "Session-Timeout   | an hour        | Session-Timeout: \"an hour\" is not a valid integer; expected a whole number 0..4294967295",
        "Session-Timeout   | 4294967296     | Session-Timeout: \"4294967296\" is not a valid integer",
        "Session-Timeout   | -1             | Session-Timeout: \"-1\" is not a valid integer",
        "Framed-IP-Address | vpn.example.org| Framed-IP-Address: \"vpn.example.org\" is not an ipaddr; expected an IPv4 address",
        "Framed-IP-Address | 10.0.0.256     | Framed-IP-Address: \"10.0.0.256\" is not an ipaddr",
    })
    void valueThatDoesNotFitTheTypeIsRefusedNamingBoth(String name, String value, String message) {
        assertThatThrownBy(() -> STANDARD.encode(new ReplyAttribute(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource({"Message-Authenticator", "State", "Proxy-State", "User-Password", "Vendor-Specific", "EAP-Message"})
    void attributesTheServerWritesItselfAreRefused(String name) {
        assertThatThrownBy(() -> STANDARD.encode(new ReplyAttribute(name, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be a reply attribute");
    }

    @Test
    void vendorAttributeNeedsTheExtraDictionary() throws Exception {
        assertThatThrownBy(() -> STANDARD.encode(new ReplyAttribute("Example-Group", "x")))
                .hasMessageStartingWith("Example-Group: no such attribute");

        ReplyDictionary withVendors = ReplyDictionary.load(Optional.of(resource("dictionary.test")));

        assertThat(hex(withVendors.encode(new ReplyAttribute("Example-Group", "ops"))))
                .describedAs("RFC 2865 §5.26: vendor id, vendor type, vendor length, data")
                .isEqualTo("26:00007ed90105" + "6f7073");
        assertThat(hex(withVendors.encode(new ReplyAttribute("Example-Level", "High"))))
                .isEqualTo("26:00007ed9020600000003");
        assertThat(hex(withVendors.encode(new ReplyAttribute("Wide-Group", "ops"))))
                .isEqualTo("26:0000fa00012c0007" + "6f7073");
        assertThat(hex(withVendors.encode(new ReplyAttribute("Filter-Id", "a")))).isEqualTo("11:61");
    }

    @Test
    void shippedVendorDictionaryLoadsAndKnowsCommonVpnGroupAttributes() throws Exception {
        ReplyDictionary shipped = ReplyDictionary.load(Optional.of(Path.of("../etc/dictionary.vendors")));

        assertThat(hex(shipped.encode(new ReplyAttribute("Cisco-AVPair", "a")))).isEqualTo("26:00000009010361");
        assertThat(shipped.encode(new ReplyAttribute("Fortinet-Group-Name", "staff")).type()).isEqualTo(26);
        assertThat(shipped.encode(new ReplyAttribute("PaloAlto-User-Group", "staff")).type()).isEqualTo(26);
    }

    @Test
    void vendorValueTooLongForTheVendorHeaderIsRefused() throws Exception {
        ReplyDictionary withVendors = ReplyDictionary.load(Optional.of(resource("dictionary.test")));

        assertThatThrownBy(() -> withVendors.encode(new ReplyAttribute("Example-Group", "x".repeat(248))))
                .hasMessage("Example-Group: value is 248 bytes on the wire; at most 247 fit");
    }

    @Test
    void missingDictionaryFileIsRefusedNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("dictionary.nope");

        assertThatThrownBy(() -> ReplyDictionary.load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": no such dictionary file (radius.dictionary)");
    }

    @Test
    void brokenDictionaryIsRefusedNamingTheFileAndLineCountedFromOne() throws Exception {
        Path broken = resource("dictionary.broken");

        assertThatThrownBy(() -> ReplyDictionary.load(Optional.of(broken)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + ": not a dictionary tinyradius can read: ")
                .hasMessageContaining("line 2");
    }
}
