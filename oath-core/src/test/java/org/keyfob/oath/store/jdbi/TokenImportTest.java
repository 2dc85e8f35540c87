package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.ImportTally;
import org.keyfob.oath.store.ListedToken;
import org.keyfob.oath.store.TokenImport;
import org.keyfob.oath.store.TokenImport.Rules;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * The bulk import transaction on H2 and PostgreSQL: batches stay invisible until the one commit,
 * closing without a commit leaves nothing, refusals block the commit, and an update never moves
 * a counter back for the same seed.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class TokenImportTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");
    private static final Rules ADD = new Rules(false, false);
    private static final Rules UPDATE = new Rules(true, false);

    @Test
    void batchesAreInvisibleUntilTheOneCommit() {
        int count = JdbiTokenImport.BATCH * 2 + 500;
        try (TokenImport importing = store.tokens().beginImport(ADMIN, ADD)) {
            for (int i = 0; i < count; i++) {
                importing.put(hotp(String.format("B%05d", i), i), Optional.empty(), "f.csv:" + (i + 1));
            }
            assertThat(importing.flush().addedCount()).isEqualTo(count);
            assertThat(store.tokens().count()).describedAs("seen from another connection before commit").isZero();

            ImportTally tally = importing.commit();

            assertThat(tally.added()).isEqualTo(Map.of(TokenKind.HOTP, (long) count));
        }
        assertThat(store.tokens().count()).isEqualTo(count);
        assertThat(store.tokens().find(new Serial("B02499")).orElseThrow().token().state().counter()).isEqualTo(2499);
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_TOKEN_ADDED))).hasSize(count);
    }

    @Test
    void closingWithoutCommitLeavesNothing() {
        try (TokenImport importing = store.tokens().beginImport(ADMIN, ADD)) {
            for (int i = 0; i < JdbiTokenImport.BATCH + 10; i++) {
                importing.put(hotp("R" + i, 0), Optional.empty(), "f.csv:" + (i + 1));
            }
            importing.flush();
        }

        assertThat(store.tokens().count()).isZero();
        assertThat(store.audit().query(AuditQuery.ALL)).isEmpty();
    }

    @Test
    void serialInTheStoreIsRefusedAndBlocksTheCommit() {
        store.tokens().addAll(List.of(hotp("OLD", 5)), ADMIN);
        try (TokenImport importing = store.tokens().beginImport(ADMIN, ADD)) {
            importing.put(hotp("NEW", 0), Optional.empty(), "f.csv:1");
            importing.put(hotp("OLD", 0), Optional.empty(), "f.csv:2");

            ImportTally tally = importing.flush();

            assertThat(tally.refusals()).containsExactly("f.csv:2: serial OLD is in the store already");
            assertThatThrownBy(importing::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.tokens().serials()).containsExactly(new Serial("OLD"));
    }

    @Test
    void updateKeepsTheHigherCounterForTheSameSeedAndKeepsStatusAndUsers() {
        store.tokens().addAll(List.of(hotp("OLD", 5)), ADMIN);
        store.tokens().setStatus(new Serial("OLD"), TokenStatus.DISABLED, ADMIN);
        store.users().add("bob", Optional.empty(), ADMIN);
        store.tokens().assign(new Serial("OLD"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);

        try (TokenImport importing = store.tokens().beginImport(ADMIN, UPDATE)) {
            importing.put(hotp("OLD", 2), Optional.empty(), "f.csv:1");
            assertThat(importing.commit().updated()).isEqualTo(Map.of(TokenKind.HOTP, 1L));
        }

        Token old = store.tokens().find(new Serial("OLD")).orElseThrow().token();
        assertThat(old.state().counter()).isEqualTo(5);
        assertThat(old.status()).isEqualTo(TokenStatus.DISABLED);
        assertThat(store.tokens().usersOf(new Serial("OLD"))).containsExactly("bob");
        assertThat(store.audit().query(AuditQuery.ALL.ofType(AuditEventType.E_TOKEN_MODIFIED)))
                .singleElement().satisfies(e -> assertThat(e.event().detail()).isEqualTo("import --update: HOTP SHA1 6, same seed"));
    }

    @Test
    void updateWithANewSeedTakesTheFilesCounter() {
        store.tokens().addAll(List.of(hotp("OLD", 5)), ADMIN);
        NewToken other = hotp("OTHER", 2);
        Token replaced = new Token(new Serial("OLD"), other.token().spec(), other.token().seed(), TokenStatus.VALID,
                TokenState.initial(2));

        try (TokenImport importing = store.tokens().beginImport(ADMIN, UPDATE)) {
            importing.put(new NewToken(replaced, other.details()), Optional.empty(), "f.csv:1");
            importing.commit();
        }

        Token old = store.tokens().find(new Serial("OLD")).orElseThrow().token();
        assertThat(old.state().counter()).isEqualTo(2);
        assertThat(old.seed().matches(StoreFixture.seedFor("OTHER"))).isTrue();
    }

    @Test
    void usersAreCreatedOnlyWhenAskedAndAssignedInTheSameTransaction() {
        try (TokenImport importing = store.tokens().beginImport(ADMIN, ADD)) {
            importing.put(hotp("A-1", 0), Optional.of("carol"), "f.csv:1");
            assertThat(importing.flush().refusals())
                    .containsExactly("f.csv:1: user carol does not exist; add it first, or pass --create-users");
        }
        assertThat(store.users().find("carol")).isEmpty();

        try (TokenImport importing = store.tokens().beginImport(ADMIN, new Rules(false, true))) {
            importing.put(hotp("A-1", 0), Optional.of("carol"), "f.csv:1");
            ImportTally tally = importing.commit();
            assertThat(tally.usersCreated()).isEqualTo(1);
            assertThat(tally.assigned()).isEqualTo(1);
        }
        assertThat(store.tokens().usersOf(new Serial("A-1"))).containsExactly("carol");
    }

    @Test
    void forEachListedGivesEveryTokenInSerialOrderWithItsUsers() {
        store.tokens().addAll(List.of(hotp("C", 0), hotp("A", 0), hotp("B", 0)), ADMIN);
        store.users().add("bob", Optional.empty(), ADMIN);
        store.users().add("ann", Optional.empty(), ADMIN);
        store.tokens().assign(new Serial("B"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);
        store.tokens().assign(new Serial("B"), "ann", new AssignmentLimits(1, 2), ADMIN);

        List<String> seen = new ArrayList<>();
        store.tokens().forEachListed((ListedToken t) -> seen.add(t.stored().token().serial() + "=" + t.users()));

        assertThat(seen).containsExactly("A=[]", "B=[ann, bob]", "C=[]");
    }
}
