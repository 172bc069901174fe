package dev.kwam.jhmm;

import static dev.kwam.jhmm.Fixtures.RACKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.Manifest;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairPlannerTest {
    private static final Topology FLEET = Fixtures.fleet(8, 1);
    private static final Manifest RS = Fixtures.protect("rs(4,2)", 20_000, 1, Fixtures.DISCARD);
    private static final Manifest LRC = Fixtures.protect("lrc(4,2,1)", 20_000, 2, Fixtures.DISCARD);

    @Test
    void aNodeThatLeftLosesItsFragmentAndTheTargetIsNoHolderOfTheStripe() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String gone = nodes.get(2);
        Topology after = FLEET.without(NodeId.of(gone));

        StripePlan plan = RepairPlanner.planStripe(state(ref, Fixtures.placed(ref, nodes), 0), after, RACKS).orElseThrow();

        assertEquals(1, plan.losses().size());
        assertEquals(new RepairPlan.Loss(2, ref.fragment(2), gone, LossCause.NODE_GONE), plan.losses().get(0));
        assertEquals(5, plan.survivors().size());
        String target = plan.targetOf(2).orElseThrow();
        assertFalse(nodes.contains(target), "target " + target + " already holds a fragment of the stripe: " + nodes);
        assertEquals(1, plan.spare(), "rs(4,2) with 5 survivors can lose one more");
        assertEquals(List.of(0, 1, 3, 4), plan.sources(), "the first k survivors");
    }

    @Test
    void aNodeThatMayNotReceiveRepairsIsNeverATargetButStillCountsAsAHolder() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String gone = nodes.get(2);
        Topology after = FLEET.without(NodeId.of(gone));
        StripeState state = state(ref, Fixtures.placed(ref, nodes), 0);
        String usual = RepairPlanner.planStripe(state, after, RACKS).orElseThrow().targetOf(2).orElseThrow();
        String holder = nodes.get(0);
        Set<String> refusing = Set.of(usual, holder);

        StripePlan plan = RepairPlanner.plan(List.of(state), List.of(), after, RACKS, java.util.Map.of(),
                node -> !refusing.contains(node)).stripes().get(0);

        String target = plan.targetOf(2).orElseThrow();
        assertFalse(refusing.contains(target), target + " may not receive repairs");
        assertFalse(nodes.contains(target), "target " + target + " already holds a fragment of the stripe: " + nodes);
        assertEquals(5, plan.survivors().size(), "a node without repair still holds its fragment: " + plan.survivors());
        assertEquals(1, plan.losses().size());
    }

    @Test
    void whenNoNodeMayReceiveTheRepairTheFragmentIsUnplaced() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        Topology after = FLEET.without(NodeId.of(nodes.get(2)));

        StripePlan plan = RepairPlanner.plan(List.of(state(ref, Fixtures.placed(ref, nodes), 0)), List.of(), after, RACKS,
                java.util.Map.of(), node -> false).stripes().get(0);

        assertTrue(plan.targetOf(2).isEmpty(), String.valueOf(plan.targets()));
        assertEquals(List.of(2), plan.unplaced());
    }

    @Test
    void aStripeAtFullRedundancyNeedsNoPlan() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        assertTrue(RepairPlanner.planStripe(state(ref, Fixtures.placed(ref, Fixtures.placement(ref, FLEET)), 0), FLEET,
                RACKS).isEmpty());
    }

    @Test
    void stripesAreOrderedByFragmentsToSpareThenByTimeBelowFullRedundancy() {
        List<StripeRef> refs = Fixtures.stripes(RS);
        StripeState oneLostLate = lose(refs.get(0), 5_000, 1);
        StripeState twoLost = lose(refs.get(1), 9_000, 1, 4);
        StripeState oneLostEarly = lose(refs.get(2), 1_000, 0);

        RepairPlan plan = RepairPlanner.plan(List.of(oneLostLate, twoLost, oneLostEarly), List.of(), FLEET, RACKS);

        assertEquals(List.of(refs.get(1).stripe(), refs.get(2).stripe(), refs.get(0).stripe()),
                plan.stripes().stream().map(StripePlan::stripe).toList());
        assertEquals(List.of(0, 1, 1), plan.stripes().stream().map(StripePlan::spare).toList());
    }

    @Test
    void anLrcStripeIsPlannedFromItsLocalGroupAndItsSpareCountsWhichFragmentsAreLeft() {
        List<StripeRef> refs = Fixtures.stripes(LRC);
        // lrc(4,2,1): data 0,1 | 2,3, local parities 4 (group 0) and 5 (group 1), global 6.
        StripePlan one = RepairPlanner.planStripe(lose(refs.get(0), 0, 0), FLEET, RACKS).orElseThrow();
        assertEquals(List.of(1, 4), one.sources(), "data 0 from its group: data 1 and local parity 4");
        assertEquals(1, one.spare());

        // Two losses in one group leave a stripe that one more loss can kill; in two groups, too — but
        // the search has to find that rather than subtract.
        StripePlan sameGroup = RepairPlanner.planStripe(lose(refs.get(1), 0, 0, 1), FLEET, RACKS).orElseThrow();
        assertEquals(0, sameGroup.spare());
        assertTrue(sameGroup.sources().contains(6), "a broken group needs the global parity");
    }

    @Test
    void replanningTheSameStateGivesTheSamePlanWhateverTheInputOrder() {
        List<StripeState> states = new ArrayList<>();
        List<StripeRef> refs = Fixtures.stripes(RS);
        for (int i = 0; i < refs.size(); i++) {
            states.add(lose(refs.get(i), i * 10L, i % 6, (i + 3) % 6));
        }
        RepairPlan first = RepairPlanner.plan(states, List.of(), FLEET, RACKS);
        Collections.reverse(states);
        RepairPlan again = RepairPlanner.plan(states, List.of(), FLEET, RACKS);
        assertEquals(first, again);
    }

    @Test
    void aStripeBeingRepairedKeepsItsPlanAndNoFragmentIsPlannedTwice() {
        List<StripeRef> refs = Fixtures.stripes(RS);
        StripeState running = lose(refs.get(0), 0, 1);
        StripePlan inFlight = RepairPlanner.planStripe(running, FLEET, RACKS).orElseThrow();
        // Meanwhile another fragment of the running stripe is lost, and another stripe degrades.
        StripeState worse = new StripeState(running.ref(), Fixtures.with(running.entry(), 3, "", SlotState.MISSING), 0);

        RepairPlan plan = RepairPlanner.plan(List.of(worse, lose(refs.get(1), 0, 2)), List.of(inFlight), FLEET, RACKS);

        assertSame(inFlight, plan.stripe(refs.get(0).stripe()).orElseThrow(), "the running plan is not replanned");
        Set<String> assigned = new HashSet<>();
        for (StripePlan p : plan.stripes()) {
            for (RepairPlan.Target t : p.targets()) {
                assertTrue(assigned.add(p.stripe() + "#" + t.index()), "fragment planned twice: " + t);
            }
        }
        assertEquals(2, assigned.size());
    }

    @Test
    void anInterruptedRepairResumesOnTheTargetItWasWritingTo() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        String unused = FLEET.nodes().stream().map(n -> n.id().value()).filter(n -> !nodes.contains(n)).findFirst()
                .orElseThrow();
        StripeEntry entry = Fixtures.with(Fixtures.placed(ref, nodes), 4, unused, SlotState.REPAIRING);

        StripePlan plan = RepairPlanner.planStripe(state(ref, entry, 0), FLEET, RACKS).orElseThrow();

        assertEquals(LossCause.INTERRUPTED, plan.loss(4).orElseThrow().cause());
        assertEquals(unused, plan.targetOf(4).orElseThrow());
    }

    @Test
    void aNodeHoldingACorruptCopyIsNeverTheTarget() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        StripeEntry entry = Fixtures.with(Fixtures.placed(ref, nodes), 0, nodes.get(0), SlotState.CORRUPT);

        StripePlan plan = RepairPlanner.planStripe(state(ref, entry, 0), FLEET, RACKS).orElseThrow();

        assertEquals(new RepairPlan.Loss(0, ref.fragment(0), nodes.get(0), LossCause.CORRUPT), plan.losses().get(0));
        assertNotEquals(nodes.get(0), plan.targetOf(0).orElseThrow());
        assertFalse(nodes.contains(plan.targetOf(0).orElseThrow()));
    }

    @Test
    void aCorruptCopyGoesBackToItsOwnNodeOnlyWhenNoOtherNodeCanTakeIt() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        List<String> nodes = Fixtures.placement(ref, FLEET);
        Topology exact = Topology.of(nodes.stream().map(n -> FLEET.node(dev.kwam.placement.NodeId.of(n)).orElseThrow()).toList());
        StripeEntry entry = Fixtures.with(Fixtures.placed(ref, nodes), 2, nodes.get(2), SlotState.CORRUPT);

        StripePlan plan = RepairPlanner.planStripe(state(ref, entry, 0), exact, RACKS).orElseThrow();

        assertEquals(List.of(new RepairPlan.Target(2, nodes.get(2))), plan.targets(), "the only node not holding another fragment");
        assertEquals(List.of(), plan.unplaced());
    }

    @Test
    void aStripeWithTooFewSurvivorsIsPlannedAsUnrebuildable() {
        StripePlan plan = RepairPlanner.planStripe(lose(Fixtures.stripes(RS).get(0), 0, 0, 1, 2), FLEET, RACKS)
                .orElseThrow();
        assertEquals(-1, plan.spare());
        assertFalse(plan.rebuildable());
        assertTrue(plan.sources().isEmpty());
    }

    @Test
    void tooFewLiveNodesLeaveFragmentsUnplacedRatherThanDoubledUp() {
        StripeRef ref = Fixtures.stripes(RS).get(0);
        Topology six = Fixtures.fleet(6, 1);
        List<String> nodes = Fixtures.placement(ref, six);
        Topology five = six.without(NodeId.of(nodes.get(5)));

        StripePlan plan = RepairPlanner.planStripe(state(ref, Fixtures.placed(ref, nodes), 0), five, RACKS).orElseThrow();

        assertEquals(List.of(5), plan.unplaced());
        assertTrue(plan.targets().isEmpty());
    }

    private static StripeState lose(StripeRef ref, long since, int... lost) {
        StripeEntry entry = Fixtures.placed(ref, Fixtures.placement(ref, FLEET));
        for (int i : lost) {
            entry = Fixtures.with(entry, i, "", SlotState.MISSING);
        }
        return state(ref, entry, since);
    }

    private static StripeState state(StripeRef ref, StripeEntry entry, long since) {
        return new StripeState(ref, entry, since);
    }
}
