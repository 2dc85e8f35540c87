package org.keyfob.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void passwordParameterIsHiddenFromLogLinesAndToString() {
        StoreConfig store = new StoreConfig(Path.of("/var/lib/keyfob"),
                Optional.of("jdbc:postgresql://db/keyfob?user=keyfob&password=hunter2&ssl=true"));

        assertThat(store.redactedJdbcUrl()).contains("jdbc:postgresql://db/keyfob?user=keyfob&password=***&ssl=true");
        assertThat(store.toString()).doesNotContain("hunter2");
    }

    @Test
    void passwordInAuthorityIsHidden() {
        StoreConfig store = new StoreConfig(Path.of("/var/lib/keyfob"),
                Optional.of("jdbc:mysql://keyfob:hunter2@db:3306/keyfob"));

        assertThat(store.redactedJdbcUrl()).contains("jdbc:mysql://keyfob:***@db:3306/keyfob");
    }

    @Test
    void urlWithoutPasswordIsUnchanged() {
        StoreConfig store = new StoreConfig(Path.of("/var/lib/keyfob"), Optional.of("jdbc:h2:file:/tmp/keyfob"));

        assertThat(store.redactedJdbcUrl()).contains("jdbc:h2:file:/tmp/keyfob");
    }
}
