package dev.kwam.dsl.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.identity.SpiffeIdError.Code;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SPIFFE-ID specification's rules, one row per rule, with the offset each error must point at. */
class SpiffeIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "spiffe://example.org",
        "spiffe://example.org/workload",
        "spiffe://kwam/acme/cl-7/eu-west-1a/pod-3/node-12/seed",
        "spiffe://a_b-c.d9/Upper/CASE/mixed_Seg-1.2",
        "spiffe://td/..a/a../...",
        "spiffe://td/_/-/x.y"})
    void acceptsValidIds(String text) {
        SpiffeId id = SpiffeId.parse(text);
        assertEquals(text, id.toString());
        assertEquals(id, SpiffeId.parse(id.toString()));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // text, code, offset of the offending character
                Arguments.of("", Code.EMPTY, 0),
                Arguments.of("https://example.org/x", Code.SCHEME, 0),
                Arguments.of("SPIFFE://example.org/x", Code.SCHEME, 0),
                Arguments.of("spiffe:/example.org/x", Code.SCHEME, 8),
                Arguments.of("spiffe", Code.SCHEME, 6),
                Arguments.of("spiffe://", Code.TRUST_DOMAIN_MISSING, 9),
                Arguments.of("spiffe:///path", Code.TRUST_DOMAIN_MISSING, 9),
                Arguments.of("spiffe://Example.org/x", Code.TRUST_DOMAIN_CHARACTER, 9),
                Arguments.of("spiffe://exa mple/x", Code.TRUST_DOMAIN_CHARACTER, 12),
                Arguments.of("spiffe://exämple/x", Code.TRUST_DOMAIN_CHARACTER, 11),
                Arguments.of("spiffe://example.org:8443/x", Code.PORT, 20),
                Arguments.of("spiffe://user@example.org/x", Code.USERINFO, 13),
                Arguments.of("spiffe://ex%41mple/x", Code.PERCENT_ENCODING, 11),
                Arguments.of("spiffe://example.org/a%20b", Code.PERCENT_ENCODING, 22),
                Arguments.of("spiffe://example.org/x?y=1", Code.QUERY, 22),
                Arguments.of("spiffe://example.org?y=1", Code.QUERY, 20),
                Arguments.of("spiffe://example.org/x#frag", Code.FRAGMENT, 22),
                Arguments.of("spiffe://example.org/a//b", Code.EMPTY_SEGMENT, 23),
                Arguments.of("spiffe://example.org/./b", Code.DOT_SEGMENT, 21),
                Arguments.of("spiffe://example.org/a/..", Code.DOT_SEGMENT, 23),
                Arguments.of("spiffe://example.org/a/", Code.TRAILING_SLASH, 22),
                Arguments.of("spiffe://example.org/", Code.TRAILING_SLASH, 20),
                Arguments.of("spiffe://example.org/a b", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/a:b", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/a@b", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/a\\b", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/é", Code.SEGMENT_CHARACTER, 21),
                Arguments.of(" spiffe://example.org/a", Code.SCHEME, 0),
                Arguments.of("spiffe://example.org/a ", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/a\n", Code.SEGMENT_CHARACTER, 22),
                Arguments.of("spiffe://example.org/*", Code.WILDCARD_NOT_ALLOWED, 21),
                Arguments.of("spiffe://*/a", Code.WILDCARD_NOT_ALLOWED, 9),
                Arguments.of("spiffe://" + "a".repeat(256) + "/x", Code.TRUST_DOMAIN_TOO_LONG, 9 + 255),
                Arguments.of("spiffe://example.org/" + "a".repeat(2048), Code.TOO_LONG, 2048),
                Arguments.of("spiffe://example.org/" + "a/".repeat(1014) + "a", Code.TOO_LONG, 2048));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWithTheOffsetOfTheOffendingCharacter(String text, Code code, int offset) {
        SpiffeIdResult<SpiffeId> result = SpiffeId.tryParse(text);
        SpiffeIdResult.Invalid<SpiffeId> invalid = assertInstanceOf(SpiffeIdResult.Invalid.class, result, text);
        assertEquals(code, invalid.error().code(), invalid.error().describe());
        assertEquals(offset, invalid.error().offset(), invalid.error().describe());
        assertFalse(invalid.error().reason().isBlank());
        assertFalse(invalid.error().hint().isBlank());
        InvalidSpiffeIdException thrown = assertThrows(InvalidSpiffeIdException.class, () -> SpiffeId.parse(text));
        assertEquals(invalid.error(), thrown.error());
    }

    static Stream<Arguments> offendingParts() {
        return Stream.of(
                // text, offset of the offending character, the part around it a fix rewrites
                Arguments.of("spiffe://ops@kwam/a", 12, "ops@"),
                Arguments.of("spiffe://kwam:8443/a", 13, ":8443"),
                Arguments.of("spiffe://kwam/a?x=1", 15, "?x=1"),
                Arguments.of("spiffe://kwam/a//b", 16, "//"),
                Arguments.of("spiffe://kwam/a/../b", 16, ".."),
                Arguments.of("spiffe://" + "a".repeat(256) + "/x", 9 + 255, "a".repeat(256)),
                Arguments.of("kwam/acme/x", 0, "kwam/acme"),
                Arguments.of("spiffe://kw+am/a", 11, "+"));
    }

    @ParameterizedTest
    @MethodSource("offendingParts")
    void theOffendingPartHoldsTheOffendingCharacter(String text, int offset, String part) {
        SpiffeIdError error = ((SpiffeIdResult.Invalid<SpiffeId>) SpiffeId.tryParse(text)).error();
        assertEquals(offset, error.offset(), error.describe());
        assertEquals(part, text.substring(error.partStart(), error.partEnd()), error.describe());
    }

    @Test
    void aPartialWildcardsPartIsItsSegment() {
        String text = "spiffe://kwam/acme/cl-*/seed";
        SpiffeIdError error = ((SpiffeIdResult.Invalid<SpiffeIdPattern>) SpiffeIdPattern.tryParse(text)).error();
        assertEquals(Code.PARTIAL_WILDCARD, error.code());
        assertEquals(22, error.offset());
        assertEquals("cl-*", text.substring(error.partStart(), error.partEnd()));
    }

    @Test
    void exactlyTheLimitsAreAccepted() {
        String td = "a".repeat(255);
        assertEquals(td, SpiffeId.parse("spiffe://" + td + "/x").trustDomain());
        String longest = "spiffe://example.org/" + "a".repeat(2048 - 21);
        assertEquals(2048, longest.length());
        assertEquals(longest, SpiffeId.parse(longest).toString());
    }

    @Test
    void uppercaseSchemeGetsALowercaseHint() {
        SpiffeIdError error = ((SpiffeIdResult.Invalid<SpiffeId>) SpiffeId.tryParse("Spiffe://td/x")).error();
        assertTrue(error.hint().contains("lowercase"), error.hint());
    }

    @Test
    void uppercaseTrustDomainHintNamesTheLowercaseLetter() {
        SpiffeIdError error = ((SpiffeIdResult.Invalid<SpiffeId>) SpiffeId.tryParse("spiffe://kWam/x")).error();
        assertTrue(error.hint().contains("'w'"), error.hint());
    }

    @Test
    void caretPointsUnderTheOffendingCharacter() {
        String text = "spiffe://kwam/a//b";
        SpiffeIdError error = ((SpiffeIdResult.Invalid<SpiffeId>) SpiffeId.tryParse(text)).error();
        assertEquals(text + "\n" + " ".repeat(16) + "^", error.caret(text));
    }

    @Test
    void exposesTrustDomainSegmentsAndPath() {
        SpiffeId id = SpiffeId.parse("spiffe://kwam/acme/cl-7/az1/pod-3/n-12/seed");
        assertEquals("kwam", id.trustDomain());
        assertEquals(List.of("acme", "cl-7", "az1", "pod-3", "n-12", "seed"), id.segments());
        assertEquals("/acme/cl-7/az1/pod-3/n-12/seed", id.path());
        assertEquals("spiffe://kwam", id.trustDomainId().toString());
        assertEquals("spiffe", id.toUri().getScheme());
        assertEquals("kwam", id.toUri().getHost());
        assertTrue(id.isMemberOf("kwam"));
        assertFalse(id.isMemberOf("kwam.other"));
        assertEquals(List.of(), SpiffeId.parse("spiffe://kwam").segments());
        assertEquals("", SpiffeId.parse("spiffe://kwam").path());
    }

    @Test
    void ofValidatesTheAssembledId() {
        assertEquals("spiffe://td/a/b", SpiffeId.of("td", List.of("a", "b")).toString());
        assertThrows(InvalidSpiffeIdException.class, () -> SpiffeId.of("td", List.of("a", "")));
        assertThrows(InvalidSpiffeIdException.class, () -> SpiffeId.of("TD", List.of("a")));
    }

    static Stream<Arguments> trustDomains() {
        return Stream.of(
                Arguments.of("example.org", null, -1),
                Arguments.of("", Code.TRUST_DOMAIN_MISSING, 0),
                Arguments.of("Example.org", Code.TRUST_DOMAIN_CHARACTER, 0),
                Arguments.of("example.org/x", Code.TRUST_DOMAIN_CHARACTER, 11),
                Arguments.of("/x", Code.TRUST_DOMAIN_CHARACTER, 0),
                Arguments.of("example.org:443", Code.PORT, 11),
                Arguments.of("a".repeat(256), Code.TRUST_DOMAIN_TOO_LONG, 255));
    }

    @ParameterizedTest
    @MethodSource("trustDomains")
    void trustDomainsAloneAreCheckedWithOffsetsIntoTheName(String name, Code code, int offset) {
        SpiffeIdResult<String> result = SpiffeId.tryParseTrustDomain(name);
        if (code == null) {
            assertEquals(name, result.orThrow());
            return;
        }
        SpiffeIdResult.Invalid<String> invalid = assertInstanceOf(SpiffeIdResult.Invalid.class, result);
        assertEquals(code, invalid.error().code(), invalid.error().describe());
        assertEquals(offset, invalid.error().offset(), invalid.error().describe());
    }
}
