package dev.kwam.dsl.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The glob language: '*' within one segment, '**' across whole segments, case-sensitive, nothing else. */
class ResourceGlobTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        // the tour's grant: a prefix within the last segment, including the empty suffix
        "fleet.h100_pool*,       fleet.h100_pool,          true",
        "fleet.h100_pool*,       fleet.h100_pool_b,        true",
        "fleet.h100_pool*,       fleet.h100_pool.rack1,    false",
        "fleet.h100_pool*,       fleet.h100_poo,           false",
        "fleet.h100_pool*,       fleet.h100,               false",
        "fleet.h100_pool*,       other.h100_pool,          false",
        // exact names
        "fleet.h100_pool,        fleet.h100_pool,          true",
        "fleet.h100_pool,        fleet.h100_pool2,         false",
        "fleet.h100_pool,        fleet,                    false",
        // '*' never crosses a dot, even when it is the whole segment
        "fleet.*,                fleet.a,                  true",
        "fleet.*,                fleet.a.b,                false",
        "fleet.*,                fleet,                    false",
        "*,                      fleet,                    true",
        "*,                      fleet.a,                  false",
        "*.h100_pool,            fleet.h100_pool,          true",
        "*.h100_pool,            a.b.h100_pool,            false",
        // '*' in the middle and several in one segment need backtracking
        "fleet.h*_pool,          fleet.h100_pool,          true",
        "fleet.h*_pool,          fleet.h100_pool_pool,     true",
        "fleet.h*_pool,          fleet.h100_poolx,         false",
        "fleet.*a*a*,            fleet.banana,             true",
        "fleet.*a*a*,            fleet.bnn,                false",
        "fleet.*ab,              fleet.aab,                true",
        "fleet.a*a,              fleet.a,                  false",
        "fleet.a*a,              fleet.aa,                 true",
        // '**' is zero or more whole segments
        "fleet.**,               fleet,                    true",
        "fleet.**,               fleet.a,                  true",
        "fleet.**,               fleet.a.b.c,              true",
        "fleet.**,               fleetx,                   false",
        "fleet.**,               other.fleet,              false",
        "**,                     fleet.h100_pool,          true",
        "**.h100_pool,           h100_pool,                true",
        "**.h100_pool,           a.b.h100_pool,            true",
        "**.h100_pool,           a.h100_pool.b,            false",
        "fleet.**.rack1,         fleet.rack1,              true",
        "fleet.**.rack1,         fleet.x.y.rack1,          true",
        "fleet.**.rack1,         fleet.x.rack2,            false",
        "fleet.**.r*,            fleet.a.b.rack9,          true",
        "**.a.**,                x.a.y,                    true",
        "**.a.**,                x.b.y,                    false",
        // case matters: Fleet and fleet are different resources
        "fleet.*,                Fleet.a,                  false",
        "Fleet.H100*,            Fleet.H100_pool,          true",
    })
    void coversExactlyWhatTheRuleSays(String glob, String name, boolean covered) {
        assertEquals(covered, ResourceGlob.parse(glob).covers(ResourceName.parse(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "fleet.", ".fleet", "fleet..a", "fleet.a**", "fleet.**x", "fleet.***", "**.**",
        "fleet.**.**.a", "fleet pool", "fleet/a", "fleet.?", "fleet.[ab]", "flé.a"})
    void malformedGlobsAreRefused(String glob) {
        assertThrows(IllegalArgumentException.class, () -> ResourceGlob.parse(glob));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fleet.", "fleet..a", "fleet.*", "fleet.**", "a b", "fleet/a"})
    void scopesAreConcreteNames(String scope) {
        assertThrows(IllegalArgumentException.class, () -> ResourceName.parse(scope));
    }

    @org.junit.jupiter.api.Test
    void lengthsAreBounded() {
        String segment = "a".repeat(64);
        String longName = String.join(".", segment, segment, segment, segment, segment);
        assertTrue(longName.length() > ResourceName.MAX_CHARS);
        assertThrows(IllegalArgumentException.class, () -> ResourceName.parse(longName));
        assertThrows(IllegalArgumentException.class, () -> ResourceGlob.parse(longName));
    }

    @org.junit.jupiter.api.Test
    void manyStarsStayCheap() {
        // Adversarial '*a*a*…' against 'aaaa…b' is exponential for naive backtracking; this matcher is linear-ish.
        String glob = "*a".repeat(60) + "*c";
        String name = "a".repeat(200) + "b";
        long start = System.nanoTime();
        assertEquals(false, ResourceGlob.parse(glob).covers(ResourceName.parse(name)));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "glob matching took over a second");
    }
}
