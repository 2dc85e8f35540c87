package org.keyfob.server.radius;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.keyfob.oath.auth.PinHasher;
import org.keyfob.oath.store.Actor;
import org.keyfob.oath.store.AssignmentLimits;
import org.keyfob.oath.store.Store;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.store.TokenStore.NewToken;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * What an admin does with {@code keyfob user add} and {@code keyfob token import/assign}, through the
 * same store calls, for tests that run keyfobd in another JVM: {@link RunningServer#USER} with
 * {@link RunningServer#PIN} and the HOTP token {@link RunningServer#SERIAL} at counter 0.
 */
final class StoreSeed {
    static final Actor ADMIN = Actor.admin("e2e-test");

    private StoreSeed() {
    }

    static void userWithHotpToken(Store store) {
        store.users().add(RunningServer.USER, Optional.of(new PinHasher(1_000).hash(RunningServer.PIN)), ADMIN);
        Token token = new Token(RunningServer.SERIAL, TokenSpec.hotp(HashAlgorithm.SHA1, 6),
                Seed.of(HexFormat.of().parseHex(RunningServer.SEED_HEX)), TokenStatus.VALID, TokenState.initial(0));
        store.tokens().addAll(List.of(new NewToken(token, TokenDetails.NONE)), ADMIN);
        store.tokens().assign(RunningServer.SERIAL, RunningServer.USER, AssignmentLimits.ONE_TO_ONE, ADMIN);
    }
}
