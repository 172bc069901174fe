package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The anti-affinity rule over random fleets: random numbers of azs, spines, pdus, racks and nodes,
 * random anti-affinity lists (ordered subsets of rack, pdu, spine, az) and random stripe widths.
 */
class PlacerAntiAffinityPropertiesTest {
    private static final int[] REGULAR = {5, 4, 4, 4, 4};
    private static final int[] LOPSIDED = {4, 4, 3, 3, 4};

    @Property(tries = 150)
    void onRegularFleetsNoTwoFragmentsShareADomainUntilTheLevelIsExhaustedThenCeilOfNOverDomains(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology fleet = Fleets.random(r, true, REGULAR);
        AntiAffinity levels = Fleets.randomLevels(r);
        int n = 1 + r.nextInt(Math.min(24, fleet.size()));
        Placement placement = Placer.place(StripeId.ofName(("s" + seed).getBytes()), n, levels, fleet);

        assertEquals(n, new HashSet<>(placement.nodes()).size(), "every fragment on a distinct node");
        for (String level : levels.levels()) {
            int domains = Fleets.domains(fleet, level);
            int expected = domains >= n ? 1 : Fleets.ceilDiv(n, domains);
            assertEquals(expected, Fleets.maxPerDomain(placement.nodes(), fleet, level),
                    level + " with " + domains + " domains for " + n + " fragments");
            assertEquals(expected, placement.report().level(level).maxPerDomain(), "report of " + level);
            assertEquals(expected > 1, placement.report().level(level).isFallback());
        }
        assertTrue(placement.report().lastResort().isEmpty());
    }

    @Property(tries = 150)
    void onLopsidedFleetsTheOuterLevelIsWaterFilledAndTheReportMatchesARecount(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology fleet = Fleets.random(r, false, LOPSIDED);
        AntiAffinity levels = Fleets.randomLevels(r);
        int n = 1 + r.nextInt(Math.min(20, fleet.size()));
        Placement placement = Placer.place(StripeId.ofName(("s" + seed).getBytes()), n, levels, fleet);

        assertEquals(n, new HashSet<>(placement.nodes()).size(), "every fragment on a distinct node");
        if (!levels.levels().isEmpty()) {
            String outermost = levels.levels().get(levels.size() - 1);
            assertEquals(waterLevel(fleet, outermost, n), Fleets.maxPerDomain(placement.nodes(), fleet, outermost),
                    "the outermost level holds no more per domain than its node counts force");
        }
        for (String level : levels.levels()) {
            LevelSpread spread = placement.report().level(level);
            int domains = Fleets.domains(fleet, level);
            int max = Fleets.maxPerDomain(placement.nodes(), fleet, level);
            assertEquals(domains, spread.domains(), level);
            assertEquals(max, spread.maxPerDomain(), level);
            assertEquals(Fleets.perDomain(placement.nodes(), fleet, level).size(), spread.domainsUsed(), level);
            int ideal = domains >= n ? 1 : Fleets.ceilDiv(n, domains);
            assertEquals(ideal, spread.idealMax(), level);
            if (max > ideal) {
                assertTrue(spread.cause() == LevelSpread.Cause.SMALL_DOMAINS
                        || spread.cause() == LevelSpread.Cause.OUTER_LEVEL_FIRST, spread.why());
            } else {
                assertEquals(max > 1 ? LevelSpread.Cause.EXHAUSTED : LevelSpread.Cause.ANTI_AFFINE, spread.cause(), spread.why());
            }
        }
    }

    @Property(tries = 100)
    void theSameInputsGiveTheSameNodesWhateverOrderTheMembershipListsThemIn(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology fleet = Fleets.random(r, r.nextBoolean(), LOPSIDED);
        AntiAffinity levels = Fleets.randomLevels(r);
        int n = 1 + r.nextInt(Math.min(16, fleet.size()));
        StripeId stripe = StripeId.ofName(("s" + seed).getBytes());

        Placement first = Placer.place(stripe, n, levels, fleet);
        Placement again = Placer.place(stripe, n, levels, fleet);
        Placement shuffled = Placer.place(stripe, n, levels, Fleets.shuffled(fleet, seed));

        assertEquals(first, again);
        assertEquals(first.nodes(), shuffled.nodes());
        assertEquals(first.report(), shuffled.report());
    }

    /** The least M with Σ over the level's domains of min(M, nodes in the domain) ≥ n. */
    private static int waterLevel(Topology fleet, String level, int n) {
        Map<String, Integer> nodes = new HashMap<>();
        fleet.nodes().forEach(node -> nodes.merge(node.labels().get(level), 1, Integer::sum));
        List<Integer> sizes = List.copyOf(nodes.values());
        for (int m = 1; ; m++) {
            int room = 0;
            for (int size : sizes) {
                room += Math.min(m, size);
            }
            if (room >= n) {
                return m;
            }
        }
    }
}
