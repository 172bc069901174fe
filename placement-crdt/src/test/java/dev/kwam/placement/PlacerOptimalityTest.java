package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The guarantee on lopsided fleets, checked against brute force: over every set of n distinct nodes,
 * the smallest vector of per-domain maxima (outermost level first, compared lexicographically) is
 * exactly what the placer reaches. Small fleets only (≤ 14 nodes), so every subset can be tried.
 */
class PlacerOptimalityTest {

    @Property(tries = 200)
    void theMaximaPerLevelAreTheLexicographicMinimumOverAllPlacementsOuterLevelFirst(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology drawn = Fleets.random(r, false, new int[] {3, 2, 2, 2, 3});
        Topology fleet = drawn.size() <= 14 ? drawn : Topology.of(drawn.nodes().subList(0, 14));
        AntiAffinity levels = Fleets.randomLevels(r);
        int n = 1 + r.nextInt(Math.min(8, fleet.size()));
        Placement placement = Placer.place(StripeId.ofName(("o" + seed).getBytes()), n, levels, fleet);

        assertArrayEquals(bestByBruteForce(fleet, levels, n), maxima(placement.nodes().stream()
                .map(id -> fleet.node(id).orElseThrow()).toList(), levels), "fleet " + fleet.nodes() + ", n=" + n);
    }

    private static int[] bestByBruteForce(Topology fleet, AntiAffinity levels, int n) {
        List<Node> nodes = fleet.nodes();
        int[] best = null;
        for (int mask = 0; mask < 1 << nodes.size(); mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            int m = mask;
            int[] maxima = maxima(java.util.stream.IntStream.range(0, nodes.size()).filter(i -> (m >> i & 1) == 1)
                    .mapToObj(nodes::get).toList(), levels);
            if (best == null || Arrays.compare(maxima, best) < 0) {
                best = maxima;
            }
        }
        return best;
    }

    /** Most fragments in one domain, per level, outermost first. */
    private static int[] maxima(List<Node> chosen, AntiAffinity levels) {
        int count = levels.size();
        int[] maxima = new int[count];
        for (int i = 0; i < count; i++) {
            String level = levels.levels().get(count - 1 - i);
            Map<String, Integer> perDomain = new HashMap<>();
            chosen.forEach(node -> perDomain.merge(node.labels().get(level), 1, Integer::sum));
            maxima[i] = perDomain.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return maxima;
    }
}
