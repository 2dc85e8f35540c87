package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("etc").resolve("keyfob.yaml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private List<String> problemsOf(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e).describedAs("expected a ConfigException").isNotNull();
        return e.problems();
    }

    @Test
    void emptyFileGivesEveryDefault() throws Exception {
        ServerConfig config = loader.load(write("# nothing set"));

        assertThat(config.radius().listen()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(config.radius().port()).isEqualTo(1812);
        assertThat(config.store().dataDir()).isEqualTo(dir.resolve("data").toAbsolutePath().normalize());
        assertThat(config.store().jdbcUrl()).isEmpty();
    }

    @Test
    void emptySectionsGiveTheirDefaults() throws Exception {
        ServerConfig config = loader.load(write("radius:", "store:"));

        assertThat(config.radius().port()).isEqualTo(1812);
        assertThat(config.store().dataDir()).isEqualTo(dir.resolve("data").toAbsolutePath().normalize());
    }

    @Test
    void readsEveryKey() throws Exception {
        ServerConfig config = loader.load(write(
                "radius:",
                "  listen: [192.0.2.10, \"::1\", 0.0.0.0]",
                "  port: 11812",
                "store:",
                "  data-dir: /var/lib/keyfob",
                "  url: jdbc:postgresql://db.example.org/keyfob"));

        assertThat(config.radius().listen()).containsExactly(
                InetAddress.getByName("192.0.2.10"), InetAddress.getByName("::1"), InetAddress.getByName("0.0.0.0"));
        assertThat(config.radius().port()).isEqualTo(11812);
        assertThat(config.store().dataDir()).isEqualTo(Path.of("/var/lib/keyfob"));
        assertThat(config.store().jdbcUrl()).contains("jdbc:postgresql://db.example.org/keyfob");
    }

    @Test
    void relativeDataDirResolvesAgainstTheFilesDirectoryNotTheWorkingDirectory() throws Exception {
        ServerConfig config = loader.load(write("store:", "  data-dir: state/keyfob"));

        assertThat(config.store().dataDir()).isEqualTo(dir.resolve("etc/state/keyfob").toAbsolutePath().normalize());
    }

    @Test
    void dictionaryResolvesAgainstTheFilesDirectory() throws Exception {
        Path file = write("radius:", "  dictionary: dictionary.vendors");
        Files.writeString(dir.resolve("etc").resolve("dictionary.vendors"), "VENDOR Example 32473\n");

        assertThat(loader.load(file).radius().dictionary()).contains(dir.resolve("etc").resolve("dictionary.vendors"));
    }

    @Test
    void noDictionaryMeansStandardAttributesOnly() throws Exception {
        assertThat(loader.load(write("radius:", "  port: 1812")).radius().dictionary()).isEmpty();
    }

    @Test
    void missingDictionaryNamesFileLineAndWhereItLooked() throws Exception {
        Path file = write("radius:", "  port: 1812", "  dictionary: nope.dict");

        assertThat(problemsOf(file)).containsExactly("keyfob.yaml:3: radius.dictionary = nope.dict: no readable file at "
                + dir.resolve("etc").resolve("nope.dict") + "; give the path of a FreeRADIUS-format dictionary"
                + " (relative to this file), or remove the key");
    }

    @Test
    void portOutsideRangeNamesFileLineAndRange() throws Exception {
        Path file = write("radius:", "  listen: [127.0.0.1]", "  port: 70000");

        assertThat(problemsOf(file)).containsExactly("keyfob.yaml:3: radius.port = 70000 is outside 1..65535");
    }

    @Test
    void portZeroIsRefusedInTheFile() throws Exception {
        assertThat(problemsOf(write("radius:", "  port: 0")))
                .containsExactly("keyfob.yaml:2: radius.port = 0 is outside 1..65535");
    }

    @Test
    void portThatIsNotAnIntegerIsAWrongType() throws Exception {
        assertThat(problemsOf(write("radius:", "  port: radius")))
                .containsExactly("keyfob.yaml:2: radius.port = radius is not an integer; expected a UDP port in 1..65535");
    }

    @Test
    void portWithoutValueSaysHowToGetTheDefault() throws Exception {
        assertThat(problemsOf(write("radius:", "  port:")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:2: radius.port has no value;")
                .contains("remove the key to use the default");
    }

    @Test
    void unknownTopLevelKeyListsTheKnownOnes() throws Exception {
        assertThat(problemsOf(write("radius:", "  port: 1812", "storage:", "  data-dir: x")))
                .containsExactly("keyfob.yaml:3: unknown key storage; expected one of: radius, store, metrics, radsec, ldap");
    }

    @Test
    void misspelledNestedKeyIsAnErrorNotIgnored() throws Exception {
        assertThat(problemsOf(write("radius:", "  prot: 1812")))
                .containsExactly("keyfob.yaml:2: unknown key radius.prot; expected one of: listen, port, password-mode, clients, dictionary");
    }

    @Test
    void keySetTwiceNamesBothLines() throws Exception {
        assertThat(problemsOf(write("radius:", "  port: 1812", "  port: 1813")))
                .containsExactly("keyfob.yaml:3: radius.port is set twice (first on line 2); keep one");
    }

    @Test
    void sectionThatIsNotAMappingIsAWrongType() throws Exception {
        assertThat(problemsOf(write("radius: 1812")))
                .containsExactly("keyfob.yaml:1: radius is the value 1812; expected a mapping with the keys listen, port, password-mode, clients, dictionary");
    }

    @Test
    void badAddressNamesItsIndex() throws Exception {
        Path file = write("radius:", "  listen:", "    - 127.0.0.1", "    - 300.1.2.3");

        assertThat(problemsOf(file)).singleElement().asString()
                .startsWith("keyfob.yaml:4: radius.listen[1] = 300.1.2.3 is not an IP address;")
                .contains("such as 127.0.0.1");
    }

    @Test
    void hostNameIsNotResolved() throws Exception {
        assertThat(problemsOf(write("radius:", "  listen: [localhost]")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:2: radius.listen[0] = localhost is not an IP address;")
                .contains("host names are not resolved");
    }

    @Test
    void listenThatIsNotAListShowsAnExample() throws Exception {
        assertThat(problemsOf(write("radius:", "  listen: 127.0.0.1")))
                .containsExactly("keyfob.yaml:2: radius.listen is the value 127.0.0.1; expected a list such as"
                        + " [127.0.0.1, \"::1\"]");
    }

    @Test
    void emptyListenIsAnError() throws Exception {
        assertThat(problemsOf(write("radius:", "  listen: []")))
                .containsExactly("keyfob.yaml:2: radius.listen is empty; list at least one address such as 127.0.0.1");
    }

    @Test
    void repeatedAddressIsAnError() throws Exception {
        assertThat(problemsOf(write("radius:", "  listen: [127.0.0.1, 127.0.0.1]")))
                .containsExactly("keyfob.yaml:2: radius.listen[1] = 127.0.0.1 is listed twice; keep one");
    }

    @Test
    void storeUrlMustBeJdbcAndIsNotEchoedSinceItMayHoldAPassword() throws Exception {
        assertThat(problemsOf(write("store:", "  url: postgres://keyfob:hunter2@db/keyfob")))
                .singleElement().asString()
                .startsWith("keyfob.yaml:2: store.url does not start with jdbc:;")
                .doesNotContain("hunter2");
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() throws Exception {
        Path file = write(
                "radius:",
                "  listen: [127.0.0.1, nas.example.org]",
                "  port: 70000",
                "  timeout: 5",
                "store:",
                "  data-dir: \"\"");

        assertThat(problemsOf(file)).containsExactly(
                "keyfob.yaml:2: radius.listen[1] = nas.example.org is not an IP address; expected an IPv4 or IPv6"
                        + " literal such as 127.0.0.1, 0.0.0.0 or ::1 (host names are not resolved)",
                "keyfob.yaml:3: radius.port = 70000 is outside 1..65535",
                "keyfob.yaml:4: unknown key radius.timeout; expected one of: listen, port, password-mode, clients, dictionary",
                "keyfob.yaml:6: store.data-dir is empty; expected a directory path");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws Exception {
        Path file = write("radius:", "  port: 1812", " listen: [127.0.0.1");

        assertThat(problemsOf(file)).singleElement().asString()
                .matches("keyfob\\.yaml:3: not valid YAML: .*; check indentation and quoting near this line");
    }

    @Test
    void missingFileSaysToPassConfig() {
        Path file = dir.resolve("nowhere.yaml");

        assertThat(problemsOf(file))
                .containsExactly(file + ": no such file; pass --config with the path of keyfob.yaml");
    }

    @Test
    void shippedConfigurationIsValidAndSpellsOutTheDefaults() throws Exception {
        Path shipped = Path.of("..", "etc", "keyfob.yaml").toAbsolutePath().normalize();
        assertThat(shipped).describedAs("etc/keyfob.yaml beside the server module").exists();

        ServerConfig config = loader.load(shipped);

        assertThat(config.radius().listen()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(config.radius().port()).isEqualTo(1812);
        assertThat(config.store().dataDir()).isEqualTo(shipped.getParent().resolveSibling("data"));
    }
}
