package dev.kwam.jhmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.manifest.Manifest;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.Node;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Placer;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Over random fleets and random damage, a plan never breaks the placement rules it inherits. */
class PlanAntiAffinityPropertiesTest {
    private static final List<Manifest> MANIFESTS = List.of(
            Fixtures.protect("rs(4,2)", 6_000, 11, Fixtures.DISCARD),
            Fixtures.protect("rs(3,3)", 6_000, 12, Fixtures.DISCARD),
            Fixtures.protect("lrc(4,2,1)", 6_000, 13, Fixtures.DISCARD),
            Fixtures.protect("lrc(6,2,2)", 6_000, 14, Fixtures.DISCARD));
    private static final AntiAffinity LEVELS = AntiAffinity.of("rack", "az");

    @Property(tries = 300)
    void targetsAreDistinctAndNeverANodeThatHoldsTheStripeExceptABadCopysOwnNodeForItsOwnIndex(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int codec) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology fleet = randomFleet(r);
        Manifest manifest = MANIFESTS.get(codec);
        StripeRef ref = Fixtures.stripes(manifest).get(r.nextInt(manifest.chunks().size()));
        Assume.that(fleet.size() >= ref.width());
        List<String> nodes = Placer.place(StripeId.ofChunk(ref.stripe()), ref.width(), LEVELS, fleet).nodes().stream()
                .map(NodeId::value).toList();
        StripeEntry entry = Fixtures.placed(ref, nodes);
        Set<String> gone = new TreeSet<>();
        for (int i = 0; i < ref.width(); i++) {
            switch (r.nextInt(6)) {
                case 0 -> gone.add(nodes.get(i));
                case 1 -> entry = Fixtures.with(entry, i, nodes.get(i), SlotState.CORRUPT);
                case 2 -> entry = Fixtures.with(entry, i, "", SlotState.MISSING);
                default -> { }
            }
        }
        Topology live = fleet.without(gone.stream().map(NodeId::of).collect(java.util.stream.Collectors.toSet()));

        var maybe = RepairPlanner.planStripe(new StripeState(ref, entry, 0), live, LEVELS);
        Assume.that(maybe.isPresent());
        StripePlan plan = maybe.get();
        Set<String> holders = new HashSet<>();
        plan.survivors().forEach(h -> holders.add(h.node()));
        plan.losses().stream().filter(l -> l.cause() == LossCause.CORRUPT).forEach(l -> holders.add(l.node()));
        Set<String> targets = new HashSet<>();
        Set<Integer> lost = new HashSet<>();
        plan.losses().forEach(l -> assertTrue(lost.add(l.index()), "a loss listed twice"));
        Set<Integer> covered = new HashSet<>(plan.unplaced());
        for (RepairPlan.Target t : plan.targets()) {
            assertTrue(targets.add(t.node()), "two fragments to one node: " + plan.targets());
            boolean ownBadCopy = plan.loss(t.index()).filter(l -> l.cause() == LossCause.CORRUPT && l.node().equals(t.node()))
                    .isPresent();
            // The one exception: a corrupt copy's own node, for its own index (the last resort when no other node
            // can take it; RepairPlannerTest pins down that it is only the last resort).
            assertFalse(holders.contains(t.node()) && !ownBadCopy, t + " goes to a node holding the stripe: " + holders);
            assertFalse(gone.contains(t.node()), t + " goes to a node that left");
            assertTrue(covered.add(t.index()), "fragment " + t.index() + " both placed and unplaced, or placed twice");
        }
        assertEquals(lost, covered, "every loss is either targeted or reported unplaced");
        plan.survivors().forEach(h -> assertFalse(lost.contains(h.index())));
        assertEquals(ref.width(), plan.survivors().size() + plan.losses().size());
    }

    private static Topology randomFleet(SplittableRandom r) {
        List<Node> nodes = new ArrayList<>();
        int azs = 1 + r.nextInt(3);
        int id = 0;
        for (int a = 0; a < azs; a++) {
            int racks = 2 + r.nextInt(5);
            for (int k = 0; k < racks; k++) {
                int count = 1 + r.nextInt(4);
                for (int n = 0; n < count; n++) {
                    nodes.add(Node.of("n" + id++, Map.of("rack", "az" + a + "r" + k, "az", "az" + a)));
                }
            }
        }
        return Topology.of(nodes);
    }
}
