package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load balance over many stripes on a regular fleet. Each node's count of fragments is close to a
 * binomial draw, so Pearson's statistic Σ (count − mean)² / mean should sit near its degrees of freedom
 * (nodes − 1); the bound allows 5 standard deviations of a chi-square (√(2·df) each) above that, which a
 * sound hash misses with probability below 10⁻⁶, while a hash that favours some nodes by even 5 % blows
 * through it (at a mean of 2,800 fragments a 5 % bias adds about 7 per node to the statistic).
 * max/mean ≤ 1.1 is the operator-facing figure: at 2,800 fragments per node one standard deviation
 * is 1.9 %, so the heaviest of 500 nodes should sit near +6 %.
 */
class PlacerBalanceTest {

    @Test
    void hundredThousandStripesLoadEveryNodeWithinTenPercentOfTheMean() {
        Topology fleet = ModeledFleet.uniform(4, 5, 5, 1, 5); // 500 nodes in 100 racks
        int stripes = 100_000;
        int width = 14;
        Map<NodeId, Integer> fragments = new HashMap<>();
        Map<NodeId, Integer> firstFragments = new HashMap<>();
        for (int s = 0; s < stripes; s++) {
            Placement p = Placer.place(StripeId.ofName(("balance-" + s).getBytes()), width, ModeledFleet.LEVELS, fleet);
            p.nodes().forEach(n -> fragments.merge(n, 1, Integer::sum));
            firstFragments.merge(p.node(0), 1, Integer::sum);
        }
        assertEquals(fleet.size(), fragments.size(), "every node got fragments");

        double mean = (double) stripes * width / fleet.size();
        int max = fragments.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.printf("per-node fragments: mean %.0f, max %d (%.3f x mean), chi-square %.0f for %d dof%n",
                mean, max, max / mean, chiSquare(fragments, fleet.size(), mean), fleet.size() - 1);
        assertTrue(max / mean <= 1.10, "max/mean = " + max / mean);
        assertTrue(chiSquare(fragments, fleet.size(), mean) < bound(fleet.size() - 1));
        // fragment 0 (a data fragment, read first) must be spread as well as the stripe as a whole
        double firstMean = (double) stripes / fleet.size();
        assertTrue(chiSquare(firstFragments, fleet.size(), firstMean) < bound(fleet.size() - 1),
                "fragment 0's chi-square " + chiSquare(firstFragments, fleet.size(), firstMean));
    }

    private static double chiSquare(Map<NodeId, Integer> counts, int nodes, double mean) {
        double sum = (nodes - counts.size()) * mean;
        for (int c : counts.values()) {
            sum += (c - mean) * (c - mean) / mean;
        }
        return sum;
    }

    private static double bound(int dof) {
        return dof + 5 * Math.sqrt(2.0 * dof);
    }
}
