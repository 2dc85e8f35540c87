package org.keyfob.oath.provision.pskc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keyfob.oath.engine.Hotp;
import org.keyfob.oath.engine.Ocra;
import org.keyfob.oath.engine.OcraInput;
import org.keyfob.oath.engine.OcraSuite;
import org.keyfob.oath.engine.Totp;
import org.keyfob.oath.provision.ImportException;
import org.keyfob.oath.provision.ImportedToken;
import org.keyfob.oath.store.TokenDetails;
import org.keyfob.oath.token.HashAlgorithm;
import org.keyfob.oath.token.LockState;
import org.keyfob.oath.token.Seed;
import org.keyfob.oath.token.Serial;
import org.keyfob.oath.token.Token;
import org.keyfob.oath.token.TokenKind;
import org.keyfob.oath.token.TokenSpec;
import org.keyfob.oath.token.TokenState;
import org.keyfob.oath.token.TokenStatus;

/**
 * Property: import(export(x)) gives back x. Random tokens of every kind PSKC carries, written by
 * {@link PskcWriter} under a passphrase (RFC 6030 §6.2) and read by {@link PskcReader}, come
 * back with the same serial, spec, counter, drift, status and vendor data, and compute the same
 * codes. A seeded loop, so a failure names its round and repeats.
 */
class PskcExportRoundTripTest {
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String[] OCRA_SUITES = {"OCRA-1:HOTP-SHA1-6:QN08", "OCRA-1:HOTP-SHA256-8:C-QN08",
        "OCRA-1:HOTP-SHA512-8:QN08"};

    @Test
    @DisplayName("RFC 6030 §6.2: a passphrase-protected export reads back as the same tokens and codes")
    void exportThenImportGivesBackTheSameTokens() throws Exception {
        Random random = new Random(6030);
        for (int round = 0; round < 20; round++) {
            List<Token> tokens = tokens(random, 1 + random.nextInt(12), "R" + round + "-");
            byte[] file = export(tokens, PASSPHRASE);

            List<ImportedToken> read = new PskcReader(PskcKey.passphrase(PASSPHRASE))
                    .read(new ByteArrayInputStream(file), "export.pskcxml");

            assertThat(read).describedAs("round %d", round).hasSameSizeAs(tokens);
            for (int i = 0; i < tokens.size(); i++) {
                assertSameToken(tokens.get(i), read.get(i).token(), "round " + round + " token " + i);
                assertThat(read.get(i).details()).isEqualTo(details(tokens.get(i)));
            }
        }
    }

    @Test
    void wrongPassphraseRefusesTheExportWithOneMessage() throws Exception {
        byte[] file = export(tokens(new Random(1), 3, "W"), PASSPHRASE);

        assertThatThrownBy(() -> new PskcReader(PskcKey.passphrase("wrong horse".toCharArray()))
                .read(new ByteArrayInputStream(file), "export.pskcxml"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).endsWith("wrong passphrase or altered file")));
    }

    @Test
    void exportHoldsNoSecretInTheClear() throws Exception {
        List<Token> tokens = tokens(new Random(2), 8, "S");
        String xml = new String(export(tokens, PASSPHRASE), StandardCharsets.UTF_8);

        for (Token t : tokens) {
            byte[] seed = t.seed().revealBytes();
            assertThat(xml).doesNotContain(HexFormat.of().formatHex(seed))
                    .doesNotContain(Base64.getEncoder().encodeToString(seed));
        }
        assertThat(xml).contains("pkcs-5v2-0#pbkdf2", "xmlenc#aes256-cbc", "xmldsig-more#hmac-sha256", "<pskc:ValueMAC>");
    }

    @Test
    void yubicoTokensAreRefusedByName() throws Exception {
        Token yubico = new Token(new Serial("YK-1"), new TokenSpec(TokenKind.YUBICO, HashAlgorithm.SHA1, 6,
                TokenSpec.DEFAULT_STEP, 0), Seed.of(new byte[16]), TokenStatus.VALID, TokenState.initial(0));
        try (PskcWriter writer = PskcWriter.passphraseProtected(new ByteArrayOutputStream(), PASSPHRASE, 1000)) {
            assertThatThrownBy(() -> writer.write(yubico, TokenDetails.NONE))
                    .hasMessage("token YK-1 is a Yubico OTP token; PSKC has no algorithm for it");
        }
    }

    static byte[] export(List<Token> tokens, char[] passphrase) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PskcWriter writer = PskcWriter.passphraseProtected(out, passphrase, 1000)) {
            for (Token t : tokens) {
                writer.write(t, details(t));
            }
        }
        return out.toByteArray();
    }

    static TokenDetails details(Token t) {
        int h = t.serial().value().hashCode();
        return new TokenDetails(h % 2 == 0 ? Optional.of("Acme & Söhne <tokens>") : Optional.empty(),
                h % 3 == 0 ? Optional.of("model-" + (h & 7)) : Optional.empty(),
                h % 5 == 0 ? Optional.of("Keyfob test") : Optional.empty());
    }

    static List<Token> tokens(Random random, int count, String prefix) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TokenKind kind = TokenKind.values()[random.nextInt(3)];
            HashAlgorithm hash = HashAlgorithm.values()[random.nextInt(3)];
            int digits = 6 + random.nextInt(3);
            TokenSpec spec = switch (kind) {
                case HOTP -> TokenSpec.hotp(hash, digits);
                case TOTP -> new TokenSpec(TokenKind.TOTP, hash, digits, Duration.ofSeconds(1 + random.nextInt(120)),
                        random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0);
                default -> {
                    OcraSuite suite = OcraSuite.parse(OCRA_SUITES[random.nextInt(OCRA_SUITES.length)]);
                    yield TokenSpec.ocra(suite.toString(), suite.algorithm(), suite.digits());
                }
            };
            byte[] seed = new byte[16 + random.nextInt(49)];
            random.nextBytes(seed);
            long counter = random.nextInt(3) == 0 ? 0 : random.nextLong() >>> 20;
            int drift = kind == TokenKind.TOTP ? random.nextInt(21) - 10 : 0;
            TokenState state = new TokenState(counter, drift, LockState.CLEAR, Optional.empty(), Optional.empty());
            TokenStatus status = TokenStatus.values()[random.nextInt(TokenStatus.values().length)];
            tokens.add(new Token(new Serial(prefix + i), spec, Seed.of(seed), status, state));
        }
        return tokens;
    }

    static void assertSameToken(Token expected, Token actual, String what) {
        assertThat(actual.serial()).describedAs(what).isEqualTo(expected.serial());
        assertThat(actual.spec()).describedAs(what).isEqualTo(expected.spec());
        assertThat(actual.status()).describedAs(what).isEqualTo(expected.status());
        assertThat(actual.state().counter()).describedAs(what).isEqualTo(expected.state().counter());
        assertThat(actual.state().drift()).describedAs(what).isEqualTo(expected.state().drift());
        assertThat(actual.seed().matches(expected.seed())).describedAs(what + " seed").isTrue();
        assertThat(code(actual)).describedAs(what + " code").isEqualTo(code(expected));
    }

    /** A code each kind computes from seed and state, so equal codes mean equal tokens in use. */
    static String code(Token t) {
        TokenSpec spec = t.spec();
        return switch (spec.kind()) {
            case HOTP -> Hotp.generate(spec.algorithm(), t.seed(), t.state().counter(), spec.digits());
            case TOTP -> Totp.generate(spec.algorithm(), t.seed(), NOW, spec.step(), spec.t0(), spec.digits());
            case OCRA -> {
                OcraSuite suite = OcraSuite.parse(spec.ocraSuite().orElseThrow());
                OcraInput input = OcraInput.ofQuestion("12345678");
                yield Ocra.generate(suite, t.seed(), suite.toString().contains(":C-") ? input.withCounter(t.state().counter())
                        : input);
            }
            case YUBICO -> throw new AssertionError("not exported");
        };
    }
}
