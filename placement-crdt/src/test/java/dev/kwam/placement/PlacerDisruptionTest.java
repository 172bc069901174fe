package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Minimal disruption: when a node leaves, the fragments it held move and, outside the documented
 * exception, nothing else does. The exception (docs/placement.md, "Minimal disruption"): let D be the
 * smallest domain around the departed node whose capacity its departure left unchanged; fragments of
 * a stripe inside D may be re-dealt among D's nodes, and nothing outside D moves. When D holds no
 * other fragment of the stripe — always, while D's level is not exhausted — nothing else moves at all.
 */
class PlacerDisruptionTest {
    private static final int WIDTH = 14;

    record Tally(int stripes, int onDeparted, int extra, int extraOutsideD, int stripesWithOthersInD) {
    }

    @Test
    void removingANodeMovesOnlyTheFragmentsItHeldWhileItsRackKeepsANode() {
        Topology fleet = ModeledFleet.uniform(4, 3, 3, 4, 3); // 432 nodes, 144 racks of 3
        Tally moves = new Tally(0, 0, 0, 0, 0);
        for (int r = 0; r < 8; r++) {
            moves = add(moves, measure(fleet, fleet.nodes().get(r * 53 % fleet.size()).id(), 600));
        }

        System.out.println("432-node fleet, 8 nodes removed in turn, 600 stripes each: " + moves);
        assertTrue(moves.onDeparted() > 100, "the departed nodes held fragments: " + moves);
        assertEquals(0, moves.extra(), "no fragment moved except those on the departed node: " + moves);
    }

    @Test
    void extraMovesStayInsideTheSmallestDomainWhoseCapacityWasUnchangedAndAreRare() {
        // 24 single-node racks: a departure empties its rack and halves its pdu's room, so D is the spine,
        // whose level is exhausted (6 spines for 14 fragments: up to 3 per spine).
        Topology fleet = ModeledFleet.uniform(3, 2, 2, 2, 1);
        Tally moves = new Tally(0, 0, 0, 0, 0);
        for (Node departing : fleet.nodes()) {
            moves = add(moves, measure(fleet, departing.id(), 200));
        }

        System.out.println("24-node fleet, every node removed in turn, 200 stripes each: " + moves);
        assertEquals(0, moves.extraOutsideD(), "nothing moves outside D: " + moves);
        assertTrue(moves.onDeparted() > 0);
        assertTrue(moves.extra() < moves.onDeparted(), "extra moves are the exception: " + moves);
    }

    private static Tally add(Tally a, Tally b) {
        return new Tally(a.stripes() + b.stripes(), a.onDeparted() + b.onDeparted(), a.extra() + b.extra(),
                a.extraOutsideD() + b.extraOutsideD(), a.stripesWithOthersInD() + b.stripesWithOthersInD());
    }

    /** Places {@code stripes} stripes before and after {@code departing} leaves and checks every move. */
    private static Tally measure(Topology fleet, NodeId departing, int stripes) {
        AntiAffinity levels = ModeledFleet.LEVELS;
        Topology after = fleet.without(departing);
        String[] d = unchangedDomain(fleet, after, departing, levels);
        int onDeparted = 0;
        int extra = 0;
        int extraOutsideD = 0;
        int withOthersInD = 0;
        for (int s = 0; s < stripes; s++) {
            StripeId stripe = StripeId.ofName(("stripe-" + s).getBytes());
            Placement before = Placer.place(stripe, WIDTH, levels, fleet);
            Placement now = Placer.place(stripe, WIDTH, levels, after);
            int othersInD = 0;
            int extraHere = 0;
            for (int i = 0; i < WIDTH; i++) {
                NodeId was = before.node(i);
                boolean inD = in(fleet, was, d);
                if (was.equals(departing)) {
                    onDeparted++;
                    assertTrue(in(after, now.node(i), d), "the departed node's fragment stays in D");
                    continue;
                }
                othersInD += inD ? 1 : 0;
                if (!was.equals(now.node(i))) {
                    extraHere++;
                    if (!inD || !in(after, now.node(i), d)) {
                        extraOutsideD++;
                    }
                }
            }
            if (othersInD == 0) {
                assertEquals(0, extraHere, "D held no other fragment of " + stripe + ", so nothing else may move");
            } else {
                withOthersInD++;
            }
            extra += extraHere;
        }
        return new Tally(stripes, onDeparted, extra, extraOutsideD, withOthersInD);
    }

    /**
     * D as {level, value}: the innermost domain around {@code departing} whose capacity for a
     * {@code WIDTH}-fragment stripe is the same before and after (the whole fleet when none is).
     * Also checks the premise of the property: the departure left the level bounds alone.
     */
    private static String[] unchangedDomain(Topology fleet, Topology after, NodeId departing, AntiAffinity levels) {
        DomainTree before = fleet.tree(levels);
        DomainTree now = after.tree(levels);
        LevelBounds boundsBefore = before.bounds(WIDTH);
        LevelBounds boundsNow = now.bounds(WIDTH);
        Node node = fleet.node(departing).orElseThrow();
        for (int depth = 1; depth <= levels.size(); depth++) {
            assertEquals(boundsBefore.bound(depth), boundsNow.bound(depth), "bounds unchanged at " + before.level(depth));
        }
        for (int depth = levels.size(); depth >= 1; depth--) {
            String level = before.level(depth);
            String value = node.labels().get(level);
            int v = now.vertexOf(depth, value);
            int capacityNow = v < 0 ? 0 : boundsNow.capacity[v];
            if (boundsBefore.capacity[before.vertexOf(depth, value)] == capacityNow) {
                return new String[] {level, value};
            }
        }
        return null;
    }

    private static boolean in(Topology fleet, NodeId node, String[] domain) {
        return domain == null || domain[1].equals(fleet.node(node).orElseThrow().labels().get(domain[0]));
    }
}
