package dev.kwam.dsl.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties over generated IDs: round trips, error offsets, and pattern matching. */
class SpiffeIdPropertiesTest {
    private static final String TD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789.-_";
    private static final String SEGMENT_CHARS = TD_CHARS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Characters that are wrong anywhere after the scheme, whichever rule reports them. */
    private static final String NEVER_VALID = " %?#@:!$&'()+,;=[]\\\"<>^`{|}~\té\u0000";

    @Provide
    Arbitrary<SpiffeId> ids() {
        Arbitrary<String> trustDomain = Arbitraries.strings().withChars(TD_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> segment = Arbitraries.strings().withChars(SEGMENT_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return Combinators.combine(trustDomain, segment.list().ofMaxSize(8)).as(SpiffeId::of);
    }

    @Property
    void everyValidIdRoundTripsThroughItsText(@ForAll("ids") SpiffeId id) {
        SpiffeId again = SpiffeId.parse(id.toString());
        assertEquals(id, again);
        assertEquals(id.trustDomain(), again.trustDomain());
        assertEquals(id.segments(), again.segments());
        assertEquals(id.toString(), id.toUri().toString());
    }

    @Property
    void aBadCharacterIsReportedExactlyWhereItIs(@ForAll("ids") SpiffeId id, @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                  @ForAll @IntRange(min = 0, max = 100) int which) {
        String text = id.toString();
        int at = SpiffeId.SCHEME.length() + where % (text.length() - SpiffeId.SCHEME.length());
        if (text.charAt(at) == '/') {
            return; // replacing a separator changes the structure, not a character: covered by the table tests
        }
        char bad = NEVER_VALID.charAt(which % NEVER_VALID.length());
        String broken = text.substring(0, at) + bad + text.substring(at + 1);
        SpiffeIdResult<SpiffeId> result = SpiffeId.tryParse(broken);
        assertFalse(result.isValid(), broken);
        assertEquals(at, ((SpiffeIdResult.Invalid<SpiffeId>) result).error().offset(), broken);
    }

    @Property
    void parsingAnyTextNeverThrowsAnythingButItsOwnError(@ForAll String text) {
        SpiffeIdResult<SpiffeId> result = SpiffeId.tryParse(text);
        if (result instanceof SpiffeIdResult.Invalid<SpiffeId> invalid) {
            assertTrue(invalid.error().offset() <= text.length());
        }
        SpiffeId.tryParsePattern(text);
    }

    @Property
    void anIdMatchesEveryPatternMadeByWildcardingSomeOfItsSegments(@ForAll("ids") SpiffeId id, @ForAll long mask) {
        List<String> segments = new ArrayList<>(id.segments());
        for (int i = 0; i < segments.size(); i++) {
            if ((mask >>> i & 1) == 1) {
                segments.set(i, "*");
            }
        }
        String text = SpiffeId.SCHEME + id.trustDomain() + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
        SpiffeIdPattern pattern = SpiffeId.parsePattern(text);
        assertTrue(pattern.matches(id), pattern + " vs " + id);
        SpiffeId deeper = SpiffeId.parse(id + "/extra");
        assertFalse(pattern.matches(deeper), pattern + " vs " + deeper);
        SpiffeId elsewhere = SpiffeId.of(id.trustDomain() + "x", id.segments());
        assertFalse(pattern.matches(elsewhere), pattern + " vs " + elsewhere);
    }
}
