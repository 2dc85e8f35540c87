package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrBlockTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4BlockContainsItsAddressesOnly() throws Exception {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");

        assertThat(block.contains(ip("10.1.255.7"))).isTrue();
        assertThat(block.contains(ip("10.2.0.1"))).isFalse();
        assertThat(block.contains(ip("::ffff:10.1.0.1"))).isTrue();
        assertThat(block.contains(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void aBareAddressIsABlockOfOne() throws Exception {
        CidrBlock one = CidrBlock.parse("192.0.2.7");

        assertThat(one.prefixLength()).isEqualTo(32);
        assertThat(one.contains(ip("192.0.2.7"))).isTrue();
        assertThat(one.contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void ipv6BlocksAndPrefixesThatAreNotWholeBytes() throws Exception {
        assertThat(CidrBlock.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(CidrBlock.parse("192.0.2.64/26").contains(ip("192.0.2.127"))).isTrue();
        assertThat(CidrBlock.parse("192.0.2.64/26").contains(ip("192.0.2.128"))).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void refusesWhatAnAdminMightMistype() {
        assertThatThrownBy(() -> CidrBlock.parse("10.1.2.3/16"))
                .hasMessage("10.1.2.3/16 has host bits set; did you mean 10.1.0.0/16?");
        assertThatThrownBy(() -> CidrBlock.parse("vpn.example.org"))
                .hasMessageContaining("host names are not resolved");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).hasMessage("prefix length must be 0..32, was 33");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/x")).hasMessageContaining("prefix length must be a number");
    }
}
