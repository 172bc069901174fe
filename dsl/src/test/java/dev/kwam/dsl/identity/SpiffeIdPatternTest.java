package dev.kwam.dsl.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.identity.SpiffeIdError.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grant patterns: '*' stands for exactly one whole segment; the trust domain is always literal. */
class SpiffeIdPatternTest {
    private static final SpiffeIdPattern SEEDS_OF_CL7 = SpiffeId.parsePattern("spiffe://kwam/acme/cl-7/*/*/*/seed");

    @ParameterizedTest
    @CsvSource({
        "spiffe://kwam/acme/cl-7/az1/pod-3/n-12/seed, true",
        "spiffe://kwam/acme/cl-7/az2/pod-9/n-1/seed, true",
        "spiffe://kwam/acme/cl-7/az1/pod-3/n-12/store, false",
        "spiffe://kwam/acme/cl-8/az1/pod-3/n-12/seed, false",
        "spiffe://kwam/other/cl-7/az1/pod-3/n-12/seed, false",
        "spiffe://kwam.evil/acme/cl-7/az1/pod-3/n-12/seed, false",
        "spiffe://kwam/acme/cl-7/az1/pod-3/seed, false",
        "spiffe://kwam/acme/cl-7/az1/pod-3/n-12/x/seed, false",
        "spiffe://kwam/acme/cl-7/az1/pod-3/n-12/seed/extra, false"})
    void wildcardsMatchExactlyOneSegment(String id, boolean expected) {
        assertEquals(expected, SEEDS_OF_CL7.matches(SpiffeId.parse(id)));
    }

    @Test
    void aPatternWithoutWildcardsMatchesOnlyItself() {
        SpiffeIdPattern exact = SpiffeId.parsePattern("spiffe://kwam/a/b");
        assertTrue(exact.isExact());
        assertTrue(exact.matches(SpiffeId.parse("spiffe://kwam/a/b")));
        assertFalse(exact.matches(SpiffeId.parse("spiffe://kwam/a/c")));
        assertFalse(SEEDS_OF_CL7.isExact());
    }

    @Test
    void segmentCaseMatters() {
        assertFalse(SpiffeId.parsePattern("spiffe://kwam/Acme/*").matches(SpiffeId.parse("spiffe://kwam/acme/x")));
    }

    @ParameterizedTest
    @CsvSource({
        "spiffe://kwam/acme/node-*, PARTIAL_WILDCARD, 24",
        "spiffe://kwam/acme/*x, PARTIAL_WILDCARD, 19",
        "spiffe://kwam/acme/**, PARTIAL_WILDCARD, 19",
        "spiffe://*/acme, WILDCARD_NOT_ALLOWED, 9",
        "spiffe://kw*/acme, WILDCARD_NOT_ALLOWED, 11",
        "spiffe://kwam/acme/*/, TRAILING_SLASH, 20",
        "spiffe://kwam/acme/?, QUERY, 19"})
    void wildcardsOnlyAsWholePathSegments(String text, Code code, int offset) {
        SpiffeIdResult.Invalid<SpiffeIdPattern> invalid =
                assertInstanceOf(SpiffeIdResult.Invalid.class, SpiffeId.tryParsePattern(text));
        assertEquals(code, invalid.error().code(), invalid.error().describe());
        assertEquals(offset, invalid.error().offset(), invalid.error().describe());
    }

    @Test
    void aPatternIsNotAnId() {
        SpiffeIdResult.Invalid<SpiffeId> invalid =
                assertInstanceOf(SpiffeIdResult.Invalid.class, SpiffeId.tryParse("spiffe://kwam/acme/*"));
        assertEquals(Code.WILDCARD_NOT_ALLOWED, invalid.error().code());
    }
}
