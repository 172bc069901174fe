package dev.kwam.jhmm;

import static dev.kwam.jhmm.Fixtures.RACKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.Manifest;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code repair.delay} in the planner: a stripe waits only while every loss is a fragment on a deferred node and it
 * still has a fragment to spare; otherwise it is due now, the deferred fragments with it.
 */
class RepairPlannerDeferralTest {
    private static final Topology FLEET = Fixtures.fleet(8, 1);
    private static final Manifest RS = Fixtures.protect("rs(4,2)", 20_000, 11, Fixtures.DISCARD);
    private static final Manifest LRC = Fixtures.protect("lrc(4,2,1)", 20_000, 12, Fixtures.DISCARD);
    private static final long T1 = 1_800_000_000_000L;
    private static final long T2 = T1 + 60_000;

    @Test
    void aStripeMissingOnlyADeferredNodesFragmentWaitsUntilThatNodeIsDue() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String away = nodes.get(2);

        StripePlan plan = plan(ref, Fixtures.placed(ref, nodes), without(away), Map.of(away, T1));

        assertEquals(1, plan.spare());
        assertTrue(plan.deferred());
        assertEquals(Instant.ofEpochMilli(T1), plan.deferredUntil().orElseThrow());
        assertEquals(LossCause.NODE_GONE, plan.loss(2).orElseThrow().cause());
        assertTrue(plan.targetOf(2).isPresent(), "the plan still says where the fragment would go when due");
    }

    @Test
    void withoutDeferredNodesThePlanIsDueNowAsBefore() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        StripePlan plan = plan(ref, Fixtures.placed(ref, nodes), without(nodes.get(2)), Map.of());
        assertFalse(plan.deferred());
        assertEquals(0L, plan.deferredUntilMillis());
    }

    @Test
    void aStripeWithNothingLeftToSpareIsUrgentEvenWhenOnlyDeferredNodesAreAway() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String a = nodes.get(1);
        String b = nodes.get(4);

        StripePlan plan = plan(ref, Fixtures.placed(ref, nodes), without(a, b), Map.of(a, T1, b, T2));

        assertEquals(0, plan.spare(), "rs(4,2) with 4 fragments left: one more loss loses data");
        assertFalse(plan.deferred(), "urgent: repaired at once");
        assertEquals(List.of(1, 4), plan.targets().stream().map(RepairPlan.Target::index).toList(),
                "the deferred fragments count as lost and are rebuilt with it");
    }

    @Test
    void aStripeWithAnotherLossIsDueNowAndRebuildsTheDeferredFragmentToo() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String away = nodes.get(2);
        StripeEntry corrupt = Fixtures.with(Fixtures.placed(ref, nodes), 5, nodes.get(5), SlotState.CORRUPT);

        StripePlan plan = plan(ref, corrupt, without(away), Map.of(away, T1));

        assertFalse(plan.deferred());
        assertEquals(List.of(2, 5), plan.targets().stream().map(RepairPlan.Target::index).toList());
    }

    @Test
    void withSeveralDeferredNodesTheStripeIsDueWhenTheFirstDelayRunsOut() {
        // rs(4,2) leaves no room for two deferred nodes with spare left, so use a wider code: rs(4,3).
        Manifest wide = Fixtures.protect("rs(4,3)", 20_000, 13, Fixtures.DISCARD);
        StripeRef ref = Fixtures.stripes(wide).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String early = nodes.get(0);
        String late = nodes.get(6);

        StripePlan plan = plan(ref, Fixtures.placed(ref, nodes), without(early, late), Map.of(early, T1, late, T2));

        assertEquals(1, plan.spare());
        assertEquals(T1, plan.deferredUntilMillis());
    }

    @Test
    void aStripeThatCannotBeRebuiltNowWaitsForItsNodesRatherThanBeingParked() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String a = nodes.get(0);
        String b = nodes.get(1);
        String c = nodes.get(2);

        StripePlan plan = plan(ref, Fixtures.placed(ref, nodes), without(a, b, c), Map.of(a, T1, b, T1, c, T2));

        assertEquals(-1, plan.spare());
        assertTrue(plan.deferred(), "rebuilding is impossible now; the nodes coming back is its best hope");
    }

    @Test
    void lrcCountsWhichFragmentsAreLeftBeforeHoldingAStripeBack() {
        // lrc(4,2,1): data 0,1 | 2,3, local parities 4 (group 0) and 5 (group 1), global 6.
        StripeRef ref = Fixtures.stripes(LRC).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String one = nodes.get(0);
        String sameGroup = nodes.get(1);

        StripePlan waits = plan(ref, Fixtures.placed(ref, nodes), without(one), Map.of(one, T1));
        StripePlan urgent = plan(ref, Fixtures.placed(ref, nodes), without(one, sameGroup),
                Map.of(one, T1, sameGroup, T1));

        assertEquals(1, waits.spare());
        assertTrue(waits.deferred());
        assertEquals(0, urgent.spare(), "two losses in one group: one more can kill the stripe");
        assertFalse(urgent.deferred());
    }

    private static StripePlan plan(StripeRef ref, StripeEntry entry, Topology live, Map<String, Long> deferred) {
        return RepairPlanner.planStripe(new StripeState(ref, entry, 0), live, RACKS, deferred).orElseThrow();
    }

    private static Topology without(String... nodes) {
        Topology t = FLEET;
        for (String n : nodes) {
            t = t.without(NodeId.of(n));
        }
        return t;
    }
}
