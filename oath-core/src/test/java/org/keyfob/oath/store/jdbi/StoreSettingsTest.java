package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    private static StoreSettings url(String url) {
        return new StoreSettings(url, Optional.empty(), Optional.empty(), 8);
    }

    @Test
    void theLoginJournalLivesBesideTheH2File() {
        assertThat(StoreSettings.h2File(Path.of("/var/lib/keyfob")).journalDir())
                .contains(Path.of("/var/lib/keyfob/keyfob.journal"));
    }

    @Test
    void aTildeInTheUrlIsTheHomeDirectoryAsH2ReadsIt() {
        assertThat(url("jdbc:h2:file:~/kf/store;AUTO_SERVER=TRUE").journalDir())
                .contains(Path.of(System.getProperty("user.home"), "kf", "store.journal"));
    }

    @Test
    void storesWithoutAFileHaveNoJournal() {
        assertThat(url("jdbc:h2:mem:test").journalDir()).isEmpty();
        assertThat(url("jdbc:postgresql://127.0.0.1/test").journalDir()).isEmpty();
    }
}
