package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyfob.oath.auth.PasswordMode;

/** The {@code radius.clients} list and {@code radius.password-mode}: values read, mistakes named by line. */
class ClientsConfigTest {
    private static final String SECRET = "0123456789abcdef-long";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path write(String... lines) throws IOException {
        return Files.writeString(dir.resolve("keyfob.yaml"), String.join("\n", lines) + "\n");
    }

    private List<String> problemsOf(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e).describedAs("expected a ConfigException").isNotNull();
        return e.problems();
    }

    @Test
    void readsClientsWithTheirOptionsAndTheGlobalPasswordMode() throws Exception {
        RadiusConfig radius = loader.load(write(
                "radius:",
                "  password-mode: otp+pin",
                "  clients:",
                "    - name: vpn1",
                "      address: 192.0.2.10",
                "      secret: " + SECRET,
                "    - name: wifi",
                "      address: 10.1.0.0/16",
                "      secret: \"" + SECRET + "-2\"",
                "      password-mode: challenge",
                "      legacy: true")).radius();

        assertThat(radius.passwordMode()).isEqualTo(PasswordMode.OTP_PIN);
        assertThat(radius.clients()).containsExactly(
                new ClientConfig("vpn1", "192.0.2.10", SECRET, Optional.empty(), false),
                new ClientConfig("wifi", "10.1.0.0/16", SECRET + "-2", Optional.of(PasswordMode.CHALLENGE), true));
    }

    @Test
    void withoutTheKeysThereAreNoClientsAndPinThenCode() throws Exception {
        RadiusConfig radius = loader.load(write("radius:", "  port: 1812")).radius();

        assertThat(radius.clients()).isEmpty();
        assertThat(radius.passwordMode()).isEqualTo(PasswordMode.PIN_OTP);
    }

    @Test
    void clientWithoutSecretNamesItsEntryAndLine() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: 192.0.2.10")))
                .containsExactly("keyfob.yaml:3: radius.clients[0] has no secret; expected the shared secret");
    }

    @Test
    void secretShorterThanSixteenCharactersIsRefusedWithoutEchoingIt() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: 192.0.2.10",
                "      secret: testing123")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:5: radius.clients[0].secret is 10 characters; use at least 16 random characters")
                .doesNotContain("testing123");
    }

    @Test
    void badAddressNamesTheEntryAndLine() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: 10.1.2.3/16",
                "      secret: " + SECRET)))
                .containsExactly("keyfob.yaml:4: radius.clients[0].address: 10.1.2.3/16 has host bits set;"
                        + " did you mean 10.1.0.0/16?");
    }

    @Test
    void hostNameAsAddressIsRefused() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: vpn.example.org",
                "      secret: " + SECRET)))
                .singleElement().asString()
                .startsWith("keyfob.yaml:4: radius.clients[0].address: ")
                .contains("host names are not resolved");
    }

    @Test
    void duplicateNameNamesTheSecondEntrysLine() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: 192.0.2.10",
                "      secret: " + SECRET,
                "    - name: vpn1",
                "      address: 192.0.2.11",
                "      secret: " + SECRET)))
                .containsExactly("keyfob.yaml:6: radius.clients[1].name = vpn1 is used twice; names must be unique");
    }

    @Test
    void unknownGlobalPasswordModeListsTheValidOnes() throws Exception {
        assertThat(problemsOf(write("radius:", "  password-mode: pin-otp")))
                .containsExactly("keyfob.yaml:2: radius.password-mode: password mode \"pin-otp\" is not one of"
                        + " pin+otp, otp+pin, otp, challenge");
    }

    @Test
    void unknownClientPasswordModeNamesTheEntry() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      address: 192.0.2.10",
                "      secret: " + SECRET,
                "      password-mode: totp")))
                .containsExactly("keyfob.yaml:6: radius.clients[0].password-mode: password mode \"totp\" is not one of"
                        + " pin+otp, otp+pin, otp, challenge");
    }

    @Test
    void unknownClientKeyAndNonBooleanLegacyAreReportedTogether() throws Exception {
        assertThat(problemsOf(write(
                "radius:",
                "  clients:",
                "    - name: vpn1",
                "      adress: 192.0.2.10",
                "      secret: " + SECRET,
                "      legacy: sometimes")))
                .containsExactly(
                        "keyfob.yaml:3: radius.clients[0] has no address; expected an IP address or CIDR block",
                        "keyfob.yaml:4: unknown key radius.clients[0].adress; expected one of: name, address, secret,"
                                + " password-mode, legacy",
                        "keyfob.yaml:6: radius.clients[0].legacy = sometimes is not true or false");
    }

    @Test
    void clientsThatIsNotAListShowsAnExample() throws Exception {
        assertThat(problemsOf(write("radius:", "  clients: vpn1")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:2: radius.clients is the value vpn1; expected a list such as");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        ClientConfig client = new ClientConfig("vpn1", "192.0.2.10", SECRET, Optional.empty(), false);

        assertThat(client.toString()).doesNotContain(SECRET).contains("secret " + SECRET.length() + " chars");
    }
}
