package dev.kwam.dsl.consent;

import static dev.kwam.dsl.consent.ConsentFixtures.ALICE;
import static dev.kwam.dsl.consent.ConsentFixtures.BOB;
import static dev.kwam.dsl.consent.ConsentFixtures.deployToken;
import static dev.kwam.dsl.consent.ConsentFixtures.json;
import static dev.kwam.dsl.consent.ConsentFixtures.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.vocab.Capability;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One token, one text: round trips are exact and every other spelling is refused with its reason. */
class TokenCodecTest {
    private static final ConsentToken TOKEN = ConsentFixtures.cosigned(deployToken(ALICE), BOB);
    private static final String JSON = json(TOKEN);
    private static final String ID = TOKEN.id();
    private static final String NOT_BEFORE = "\"not_before\":" + TOKEN.body().notBefore();

    @Test
    void roundTripsExactly() throws Exception {
        String text = TokenCodec.encode(TOKEN);
        ConsentToken back = TokenCodec.decode(text);
        assertEquals(TOKEN, back);
        assertEquals(text, TokenCodec.encode(back));
        assertEquals(2, back.signatures().size());
    }

    @Test
    void roundTripsADigest() throws Exception {
        ConsentToken bound = ConsentMint.mint(ALICE, List.of(Capability.DEPLOY), ResourceGlob.parse("fleet.**"),
                java.time.Duration.ofMinutes(5), Optional.of(ConsentFixtures.digestOf("bundle")), ConsentFixtures.CLOCK);
        assertEquals(bound, TokenCodec.decode(TokenCodec.encode(bound)));
        assertTrue(json(bound).contains("\"digest\":\"sha256:"), json(bound));
    }

    /**
     * The documented layout, pinned with RFC 8032's first test key (Ed25519 signatures are
     * deterministic): if this changes, every token in the world changes meaning. docs/consent.md
     * shows the same vector.
     */
    @Test
    void theFormatIsPinnedByAKnownAnswer() throws Exception {
        MintingKey key = ConsentFixtures.rfc8032Key("acme-prod", "rfc8032");
        TokenBody body = new TokenBody(1, "00112233445566778899aabbccddeeff", "acme-prod",
                List.of(Capability.QUARANTINE, Capability.DEPLOY), ResourceGlob.parse("fleet.h100_pool*"),
                1748772000L, 1748775600L, Optional.empty());
        ConsentToken token = new ConsentToken(body, List.of(ConsentMint.sign(body, key)));
        String expectedBody = "{\"caps\":[\"deploy\",\"quarantine\"],\"expires\":1748775600,"
                + "\"id\":\"00112233445566778899aabbccddeeff\",\"not_before\":1748772000,"
                + "\"resource\":\"fleet.h100_pool*\",\"signer\":\"acme-prod\",\"version\":1}";
        assertEquals("kwam-consent-v1\0" + expectedBody,
                new String(TokenCodec.signingMessage(body), StandardCharsets.US_ASCII));
        String sig = token.signatures().get(0).signatureHex();
        assertEquals("{\"body\":" + expectedBody + ",\"sigs\":[{\"key\":\"" + ConsentFixtures.RFC8032_PUBLIC
                + "\",\"sig\":\"" + sig + "\"}]}", json(token));
        assertEquals(KNOWN_SIGNATURE, sig);
        assertEquals(KNOWN_TOKEN, TokenCodec.encode(token));
        assertEquals(token, TokenCodec.decode(KNOWN_TOKEN));
    }

    /** Computed independently (Python's cryptography package over the documented bytes), not by this code. */
    private static final String KNOWN_SIGNATURE = "3bb432a48af168eac3c248e47d86aea2c9d4a14eada8d5ad227affe17305a883"
            + "dfbbf1a0090064c545628fb838b80e8d5200ab3c4f5b5376e728a6f57ec8f70f";
    private static final String KNOWN_TOKEN = "grant://eyJib2R5Ijp7ImNhcHMiOlsiZGVwbG95IiwicXVhcmFudGluZSJdLCJleHBpcmVzI"
            + "joxNzQ4Nzc1NjAwLCJpZCI6IjAwMTEyMjMzNDQ1NTY2Nzc4ODk5YWFiYmNjZGRlZWZmIiwibm90X2JlZm9yZSI6MTc0ODc3MjAwMCwic"
            + "mVzb3VyY2UiOiJmbGVldC5oMTAwX3Bvb2wqIiwic2lnbmVyIjoiYWNtZS1wcm9kIiwidmVyc2lvbiI6MX0sInNpZ3MiOlt7ImtleSI6I"
            + "mVkMjU1MTk6ZDc1YTk4MDE4MmIxMGFiN2Q1NGJmZWQzYzk2NDA3M2EwZWUxNzJmM2RhYTYyMzI1YWYwMjFhNjhmNzA3NTExYSIsInNpZ"
            + "yI6IjNiYjQzMmE0OGFmMTY4ZWFjM2MyNDhlNDdkODZhZWEyYzlkNGExNGVhZGE4ZDVhZDIyN2FmZmUxNzMwNWE4ODNkZmJiZjFhMDA5M"
            + "DA2NGM1NDU2MjhmYjgzOGI4MGU4ZDUyMDBhYjNjNGY1YjUzNzZlNzI4YTZmNTdlYzhmNzBmIn1dfQ";

    static Stream<Arguments> nonCanonicalJson() {
        return Stream.of(
                mutated("whitespace between tokens", j -> j.replace("{\"body\"", "{ \"body\""), "whitespace"),
                mutated("a trailing newline", j -> j + "\n", "unexpected bytes after"),
                mutated("keys out of order", j -> j.replace("{\"caps\"", "{\"id\":\"" + ID + "\",\"caps\"")
                        .replace(",\"id\":\"" + ID + "\"", ""), "comes after"),
                mutated("a duplicate key", j -> j.replace("\"version\":1}", "\"version\":1,\"version\":1}"), "duplicate key"),
                mutated("an unknown body field", j -> j.replace("\"signer\":\"acme-prod\",",
                        "\"signer\":\"acme-prod\",\"tier\":\"gold\","), "unknown field 'tier'"),
                mutated("an unknown envelope field", j -> j.replace(",\"sigs\":", ",\"note\":\"hi\",\"sigs\":"),
                        "unknown field 'note'"),
                mutated("an unknown signature field", j -> j.replaceFirst("(\"sig\":\"[0-9a-f]+\")", "$1,\"when\":\"now\""),
                        "unknown field 'when'"),
                mutated("a missing field", j -> j.replace("\"id\":\"" + ID + "\",", ""), "missing field 'id'"),
                mutated("a fraction", j -> j.replace("\"version\":1}", "\"version\":1.0}"), "fraction"),
                mutated("an exponent", j -> j.replace("\"version\":1}", "\"version\":1e0}"), "exponent"),
                mutated("a negative number", j -> j.replace(NOT_BEFORE, "\"not_before\":-1"), "'-' where a value"),
                mutated("a leading zero", j -> j.replace("\"version\":1}", "\"version\":01}"), "leading zero"),
                mutated("an integer past 2^53", j -> j.replace(NOT_BEFORE, "\"not_before\":9007199254740992"), "2^53"),
                mutated("a string escape", j -> j.replace("\"acme-prod\"", "\"acme\\u002dprod\""), "escape"),
                mutated("a non-ASCII byte", j -> j.replace("\"acme-prod\"", "\"acm\u00e9-prod\""), "byte 0xc3"),
                mutated("a literal true", j -> j.replace("\"version\":1}", "\"version\":true}"), "'t' where a value"),
                mutated("a future version", j -> j.replace("\"version\":1}", "\"version\":2}"), "version 2 is not supported"),
                mutated("capabilities out of order", j -> j.replace("[\"deploy\",\"quarantine\"]", "[\"quarantine\",\"deploy\"]"),
                        "out of order"),
                mutated("a capability twice", j -> j.replace("[\"deploy\",\"quarantine\"]", "[\"deploy\",\"deploy\"]"),
                        "listed twice"),
                mutated("an unknown capability", j -> j.replace("\"quarantine\"]", "\"reboot\"]"), "unknown capability 'reboot'"),
                mutated("an upper-case capability", j -> j.replace("\"deploy\",", "\"DEPLOY\","), "unknown capability 'DEPLOY'"),
                mutated("no capability", j -> j.replace("[\"deploy\",\"quarantine\"]", "[]"), "at least one capability"),
                mutated("a capability that is not a string", j -> j.replace("[\"deploy\",", "[[\"deploy\"],"),
                        "body.caps[0] must be a string"),
                mutated("nesting too deep", j -> j.replace("[\"deploy\",", "[[[[[\"deploy\"]]]],"), "nested deeper"),
                mutated("an upper-case token id", j -> j.replace(ID, ID.toUpperCase(java.util.Locale.ROOT).replace('0', 'A')
                        .replace('1', 'B')), "32 lowercase hex"),
                mutated("a short token id", j -> j.replace(ID, ID.substring(2)), "32 lowercase hex"),
                mutated("a malformed digest", j -> j.replace("\"expires\"", "\"digest\":\"sha256:abc\",\"expires\""),
                        "body.digest"),
                mutated("expiry before start", j -> j.replace(NOT_BEFORE, "\"not_before\":" + (TOKEN.body().expires() + 1)),
                        "must be after not_before"),
                mutated("a lifetime over 30 days", j -> j.replace(NOT_BEFORE, "\"not_before\":1"), "at most 30"),
                mutated("a malformed glob", j -> j.replace("fleet.h100_pool*", "fleet..h100"), "empty segment"),
                mutated("an invalid signer name", j -> j.replace("\"acme-prod\"", "\"Acme Prod\""), "signer"),
                mutated("a body that is an array", j -> j.replaceFirst("\\{\"body\":\\{.*?\\},\"sigs\"", "{\"body\":[],\"sigs\""),
                        "body must be a JSON object"),
                mutated("no signatures", j -> j.replaceFirst("\"sigs\":\\[.*\\]", "\"sigs\":[]"), "at least one signature"),
                mutated("one signature twice", j -> j.replaceFirst("\"sigs\":\\[(\\{[^}]*\\}),\\{[^}]*\\}\\]",
                        "\"sigs\":[$1,$1]"), "signed twice"),
                mutated("signatures out of key order", j -> j.replaceFirst("\"sigs\":\\[(\\{[^}]*\\}),(\\{[^}]*\\})\\]",
                        "\"sigs\":[$2,$1]"), "ascending order of their key"),
                mutated("an upper-case signature", j -> j.replaceFirst("\"sig\":\"([0-9a-f]{120})([0-9a-f]{8})\"",
                        "\"sig\":\"$1ABCDEF0\""), "128 lowercase hex"),
                mutated("a short signature", j -> j.replaceFirst("\"sig\":\"([0-9a-f]{126})[0-9a-f]{2}\"", "\"sig\":\"$1\""),
                        "128 lowercase hex"),
                mutated("a key that is not a key", j -> j.replaceFirst("\"key\":\"ed25519:[0-9a-f]{64}\"",
                        "\"key\":\"ed25519:1234\""), "sigs[0].key"));
    }

    private static Arguments mutated(String name, UnaryOperator<String> mutation, String expected) {
        String mutated = mutation.apply(JSON);
        if (mutated.equals(JSON)) {
            throw new IllegalStateException("the mutation '" + name + "' changed nothing");
        }
        return Arguments.of(name, wrap(mutated), expected);
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    static Stream<Arguments> badText() {
        String good = TokenCodec.encode(TOKEN);
        String payload = good.substring(TokenCodec.SCHEME.length());
        // four bytes take six base64url characters, and the last one carries four unused bits: set one
        String clean = wrap("{}{}");
        String strayBits = clean.substring(0, clean.length() - 1)
                + ALPHABET.charAt(ALPHABET.indexOf(clean.charAt(clean.length() - 1)) ^ 1);
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("no scheme", payload, "starts with grant://"),
                Arguments.of("an upper-case scheme", "GRANT://" + payload, "starts with grant://"),
                Arguments.of("nothing after the scheme", "grant://", "nothing follows"),
                Arguments.of("a trailing newline", good + "\n", "is not base64url"),
                Arguments.of("padding", good + "==", "'=' at position"),
                Arguments.of("standard base64 alphabet", good.replace('-', '+').replace('_', '/') + "+", "is not base64url"),
                Arguments.of("a truncated text", good.substring(0, good.length() - (payload.length() % 4 == 2 ? 1
                        : payload.length() % 4 == 3 ? 2 : 3)), "impossible length"),
                Arguments.of("stray bits in the last character", strayBits, "stray bits"),
                Arguments.of("too long", "grant://" + "A".repeat(TokenCodec.MAX_TOKEN_CHARS), "at most 4096"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"nonCanonicalJson", "badText"})
    void refusesWithAReason(String name, String text, String expected) {
        MalformedTokenException e = assertThrows(MalformedTokenException.class, () -> TokenCodec.decode(text));
        assertTrue(e.getMessage().contains(expected), name + ": '" + e.getMessage() + "' should mention '" + expected + "'");
    }
}
