package org.keyfob.server.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyfob.config.CidrBlock;
import org.keyfob.oath.auth.PasswordMode;
import org.keyfob.oath.store.SharedSecret;

class NasRegistryTest {

    private static Nas nas(String name, String block) {
        return new Nas(name, CidrBlock.parse(block), SharedSecret.of("a-shared-secret-" + name), PasswordMode.PIN_OTP,
                false);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void theMostSpecificBlockWins() throws Exception {
        NasRegistry registry = new NasRegistry(List.of(nas("campus", "10.0.0.0/8"), nas("vpn1", "10.1.2.3")));

        assertThat(registry.find(ip("10.1.2.3"))).map(Nas::name).contains("vpn1");
        assertThat(registry.find(ip("10.9.9.9"))).map(Nas::name).contains("campus");
        assertThat(registry.find(ip("192.0.2.1"))).isEmpty();
    }

    @Test
    void storeClientsReplaceConfiguredOnesForTheSameBlockAndAreSwappedLive() throws Exception {
        NasRegistry registry = new NasRegistry(List.of(nas("from-file", "192.0.2.10"), nas("other", "192.0.2.20")));

        registry.replaceStoreClients(List.of(nas("from-store", "192.0.2.10"), nas("new", "198.51.100.0/24")));

        assertThat(registry.find(ip("192.0.2.10"))).map(Nas::name).contains("from-store");
        assertThat(registry.find(ip("192.0.2.20"))).map(Nas::name).contains("other");
        assertThat(registry.find(ip("198.51.100.7"))).map(Nas::name).contains("new");

        registry.replaceStoreClients(List.of());

        assertThat(registry.find(ip("192.0.2.10"))).map(Nas::name).contains("from-file");
        assertThat(registry.find(ip("198.51.100.7"))).isEmpty();
        assertThat(registry.size()).isEqualTo(2);
    }
}
