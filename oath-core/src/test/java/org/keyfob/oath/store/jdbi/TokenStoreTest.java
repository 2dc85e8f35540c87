package org.keyfob.oath.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keyfob.oath.store.jdbi.StoreFixture.NOW;
import static org.keyfob.oath.store.jdbi.StoreFixture.hotp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.Assignment;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.AuditEventType;
import org.keyfob.oath.store.AuditQuery;
import org.keyfob.oath.store.StoreException;
import org.keyfob.oath.store.StoredToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.PendingResync;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class TokenStoreTest extends StoreOnBothBackends {
    private static final Actor ADMIN = Actor.admin("alice");

    private TokenStore tokens;

    @BeforeEach
    void setUp() {
        tokens = store.tokens();
    }

    @Test
    void storedTokenComesBackWithItsSeedSpecAndDetails() {
        Token totp = new Token(new Serial("TOTP-1"), TokenSpec.totp(HashAlgorithm.SHA256, 8, Duration.ofSeconds(60)),
                StoreFixture.seedFor("TOTP-1"), TokenStatus.VALID, TokenState.initial(0));
        TokenDetails details = new TokenDetails(Optional.of("Feitian"), Optional.of("C200"), Optional.empty());
        tokens.addAll(List.of(new NewToken(totp, details)), ADMIN);

        StoredToken found = tokens.find(new Serial("TOTP-1")).orElseThrow();

        assertThat(found.token().spec()).isEqualTo(totp.spec());
        assertThat(found.token().seed().matches(StoreFixture.seedFor("TOTP-1"))).isTrue();
        assertThat(found.details()).isEqualTo(details);
        assertThat(found.created()).isEqualTo(NOW);
        assertThat(found.token().state()).isEqualTo(TokenState.initial(0));
    }

    @Test
    void ocraTokenComesBackWithItsSuiteAndOtherTokensWithout() {
        tokens.addAll(List.of(StoreFixture.ocra("OCRA-1", "OCRA-1:HOTP-SHA256-8:C-QN08", HashAlgorithm.SHA256, 8, 3),
                hotp("HOTP-1", 0)), ADMIN);

        assertThat(tokens.find(new Serial("OCRA-1")).orElseThrow().token().spec())
                .isEqualTo(TokenSpec.ocra("OCRA-1:HOTP-SHA256-8:C-QN08", HashAlgorithm.SHA256, 8));
        assertThat(tokens.find(new Serial("HOTP-1")).orElseThrow().token().spec().ocraSuite()).isEmpty();
    }

    @Test
    void addingADuplicateSerialAddsNothingAtAll() {
        tokens.addAll(List.of(hotp("A", 0)), ADMIN);

        assertThatThrownBy(() -> tokens.addAll(List.of(hotp("B", 0), hotp("A", 0)), ADMIN))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("add 2 tokens: nothing was added");
        assertThat(tokens.serials()).containsExactly(new Serial("A"));
    }

    @Test
    void compareAndSetStoresOnlyOverTheVersionItRead() {
        tokens.addAll(List.of(hotp("A", 0)), ADMIN);
        StoredToken read = tokens.find(new Serial("A")).orElseThrow();
        TokenState next = read.token().state().accepted(0, 0, NOW);

        assertThat(tokens.compareAndSetState(new Serial("A"), read.version(), next)).isTrue();
        assertThat(tokens.compareAndSetState(new Serial("A"), read.version(), next.accepted(5, 0, NOW))).isFalse();
        assertThat(tokens.find(new Serial("A")).orElseThrow().token().state().counter()).isEqualTo(1);
    }

    @Test
    void everyPartOfTheStateSurvivesARoundTrip() {
        tokens.addAll(List.of(hotp("A", 7)), ADMIN);
        StoredToken read = tokens.find(new Serial("A")).orElseThrow();
        TokenState state = new TokenState(42, -3, new LockState(4, Optional.of(Instant.MAX)),
                Optional.of(new PendingResync(77, NOW.minusSeconds(5))), Optional.of(NOW.minusSeconds(60)));

        tokens.compareAndSetState(new Serial("A"), read.version(), state);

        assertThat(tokens.find(new Serial("A")).orElseThrow().token().state()).isEqualTo(state);
    }

    @Test
    void assignmentHonoursTheLimits() {
        tokens.addAll(List.of(hotp("A", 0), hotp("B", 0)), ADMIN);
        store.users().add("bob", Optional.empty(), ADMIN);
        store.users().add("carol", Optional.empty(), ADMIN);
        Serial a = new Serial("A");

        assertThat(tokens.assign(a, "bob", AssignmentLimits.ONE_TO_ONE, ADMIN)).isEqualTo(Assignment.ASSIGNED);
        assertThat(tokens.assign(a, "bob", AssignmentLimits.ONE_TO_ONE, ADMIN)).isEqualTo(Assignment.ALREADY_ASSIGNED);
        assertThat(tokens.assign(new Serial("B"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN))
                .isEqualTo(Assignment.USER_AT_LIMIT);
        assertThat(tokens.assign(a, "carol", AssignmentLimits.ONE_TO_ONE, ADMIN)).isEqualTo(Assignment.TOKEN_AT_LIMIT);
        assertThat(tokens.assign(a, "carol", new AssignmentLimits(1, 2), ADMIN)).isEqualTo(Assignment.ASSIGNED);
        assertThat(tokens.assign(new Serial("nope"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN))
                .isEqualTo(Assignment.UNKNOWN_TOKEN);
        assertThat(tokens.assign(a, "nobody", AssignmentLimits.ONE_TO_ONE, ADMIN)).isEqualTo(Assignment.UNKNOWN_USER);

        assertThat(tokens.usersOf(a)).containsExactly("bob", "carol");
        assertThat(tokens.findByUser("carol")).extracting(t -> t.token().serial()).containsExactly(a);
    }

    @Test
    void unassignAndDeleteSayWhetherTheyChangedAnything() {
        tokens.addAll(List.of(hotp("A", 0)), ADMIN);
        store.users().add("bob", Optional.empty(), ADMIN);
        tokens.assign(new Serial("A"), "bob", AssignmentLimits.ONE_TO_ONE, ADMIN);

        assertThat(tokens.unassign(new Serial("A"), "bob", ADMIN)).isTrue();
        assertThat(tokens.unassign(new Serial("A"), "bob", ADMIN)).isFalse();
        assertThat(tokens.delete(new Serial("A"), ADMIN)).isTrue();
        assertThat(tokens.delete(new Serial("A"), ADMIN)).isFalse();
        assertThat(tokens.count()).isZero();
    }

    @Test
    void adminChangesWriteAuditEventsNamingTheActor() {
        tokens.addAll(List.of(hotp("A", 0)), ADMIN);
        tokens.setStatus(new Serial("A"), TokenStatus.REVOKED_LOST, ADMIN);

        assertThat(store.audit().query(AuditQuery.ALL.forSerial(new Serial("A"))))
                .extracting(e -> e.event().type(), e -> e.event().actor(), e -> e.event().detail())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditEventType.E_TOKEN_ADDED, ADMIN, "HOTP SHA1 6"),
                        org.assertj.core.groups.Tuple.tuple(AuditEventType.E_TOKEN_STATE_CHANGED, ADMIN,
                                "status=REVOKED_LOST"));
        assertThat(tokens.find(new Serial("A")).orElseThrow().token().status()).isEqualTo(TokenStatus.REVOKED_LOST);
    }

    @Test
    void aSecondInstanceSeesChangesAtOnce() {
        JdbiStore other = fixture.open();
        tokens.addAll(List.of(hotp("A", 0)), ADMIN);

        assertThat(other.tokens().find(new Serial("A"))).isPresent();
    }
}
