package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Repair's half of the placer: lost fragments get new homes, survivors stay, nodes are never shared. */
class PlacerReplaceTest {
    private static final int WIDTH = 14;

    @Test
    void aLostNodesFragmentGoesWhereAFreshPlacementPutsItAndNothingElseMoves() {
        Topology fleet = ModeledFleet.uniform(4, 3, 3, 4, 3);
        int agreed = 0;
        for (int s = 0; s < 300; s++) {
            StripeId stripe = StripeId.ofName(("r" + s).getBytes());
            Placement before = Placer.place(stripe, WIDTH, ModeledFleet.LEVELS, fleet);
            int lostIndex = s % WIDTH;
            Topology after = fleet.without(before.node(lostIndex));

            Repair repair = Placer.replace(stripe, before.nodes(), Set.of(lostIndex), ModeledFleet.LEVELS, after);

            assertEquals(Set.of(lostIndex), repair.targets().keySet());
            assertTrue(repair.complete());
            assertFalse(before.nodes().contains(repair.targets().get(lostIndex)), "a survivor's node is never reused");
            List<NodeId> repaired = new ArrayList<>(before.nodes());
            repaired.set(lostIndex, repair.targets().get(lostIndex));
            assertEquals(Placer.place(stripe, WIDTH, ModeledFleet.LEVELS, after).nodes(), repaired);
            agreed += repair.agreesWithPlace() ? 1 : 0;
        }
        assertEquals(300, agreed, "racks of 3 keep their room, so a fresh placement never moves a survivor here");
    }

    @Property(tries = 120)
    void replacementsKeepTheLevelBoundsWithRespectToSurvivorsAndNeverReuseTheirNodes(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology fleet = Fleets.random(r, r.nextBoolean(), new int[] {4, 3, 3, 3, 3});
        AntiAffinity levels = Fleets.randomLevels(r);
        int width = Math.min(fleet.size(), 2 + r.nextInt(15));
        StripeId stripe = StripeId.ofName(("p" + seed).getBytes());
        Placement before = Placer.place(stripe, width, levels, fleet);
        Set<Integer> lost = new HashSet<>();
        for (int k = 1 + r.nextInt(Math.min(4, width)); lost.size() < k; ) {
            lost.add(r.nextInt(width));
        }
        Set<NodeId> gone = new HashSet<>();
        lost.forEach(i -> {
            if (r.nextBoolean()) {
                gone.add(before.node(i)); // some holders died, others only lost a fragment to a scrub
            }
        });
        Topology after = fleet.without(gone);

        Repair repair = Placer.replace(stripe, before.nodes(), lost, levels, after);

        List<NodeId> repaired = new ArrayList<>(before.nodes());
        repair.targets().forEach(repaired::set);
        Set<Integer> handled = new HashSet<>(repair.targets().keySet());
        handled.addAll(repair.unplaced());
        assertEquals(lost, handled, "every lost fragment is re-placed or reported unplaced, nothing else");
        assertTrue(repair.unplaced().isEmpty() || after.size() < width, "unplaced only when nodes ran out");
        List<NodeId> placed = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            if (!repair.unplaced().contains(i)) {
                placed.add(repaired.get(i));
            }
        }
        assertEquals(placed.size(), new HashSet<>(placed).size(), "no node holds two fragments: " + repaired);
        repair.targets().values().forEach(n -> assertFalse(gone.contains(n)));
        if (after.size() >= width) {
            DomainTree tree = after.tree(levels);
            LevelBounds bounds = tree.bounds(width);
            List<NodeId> survivors = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                if (!lost.contains(i)) {
                    survivors.add(before.node(i));
                }
            }
            for (int depth = 1; depth <= levels.size(); depth++) {
                String level = tree.level(depth);
                int max = Fleets.maxPerDomain(placed, after, level);
                // a new target only enters domains below their bound; survivors may already exceed it
                // when the membership changed the bounds, and they never move
                assertTrue(max <= Math.max(bounds.bound(depth), Fleets.maxPerDomain(survivors, after, level)),
                        level + ": " + max + " in one domain, bound " + bounds.bound(depth));
                assertEquals(max, repair.report().level(level).maxPerDomain());
            }
        }
    }

    @Test
    void withTooFewLiveNodesTheLostFragmentsThatFitArePlacedAndTheRestReported() {
        Topology fleet = ModeledFleet.uniform(14, 1, 1, 1, 1);
        StripeId stripe = StripeId.ofName("partial".getBytes());
        Placement before = Placer.place(stripe, WIDTH, ModeledFleet.LEVELS, fleet);
        Node newcomer = Node.of("newcomer", java.util.Map.of("az", "az99", "spine", "s99", "pdu", "p99", "rack", "r99"));
        Topology thirteen = fleet.without(Set.of(before.node(2), before.node(9))).with(newcomer);

        Repair repair = Placer.replace(stripe, before.nodes(), Set.of(2, 9), ModeledFleet.LEVELS, thirteen);

        assertEquals(1, repair.targets().size());
        assertEquals(NodeId.of("newcomer"), repair.targets().values().iterator().next());
        assertEquals(1, repair.unplaced().size());
        assertFalse(repair.complete());
        assertFalse(repair.agreesWithPlace());
    }

    @Test
    void survivorsOnNonMembersOrSharingANodeOrBadIndicesAreRefused() {
        Topology fleet = ModeledFleet.uniform(4, 2, 2, 1, 2);
        StripeId stripe = StripeId.ofName("refuse".getBytes());
        List<NodeId> nodes = Placer.place(stripe, 6, ModeledFleet.LEVELS, fleet).nodes();
        List<NodeId> doubled = new ArrayList<>(nodes);
        doubled.set(1, nodes.get(0));

        PlacementRefused notMember = assertThrows(PlacementRefused.class,
                () -> Placer.replace(stripe, nodes, Set.of(0), ModeledFleet.LEVELS, fleet.without(nodes.get(3))));
        PlacementRefused shared = assertThrows(PlacementRefused.class,
                () -> Placer.replace(stripe, doubled, Set.of(5), ModeledFleet.LEVELS, fleet));
        PlacementRefused outOfRange = assertThrows(PlacementRefused.class,
                () -> Placer.replace(stripe, nodes, Set.of(6), ModeledFleet.LEVELS, fleet));

        assertTrue(notMember.error().why().contains("surviving fragment 3"), notMember.error().why());
        assertEquals("list fragment 3 as lost too", notMember.error().fix());
        assertTrue(shared.error().why().contains("fragments 0 and 1 both survive on"), shared.error().why());
        assertEquals("placement.bad-assignment", outOfRange.error().code());
    }
}
