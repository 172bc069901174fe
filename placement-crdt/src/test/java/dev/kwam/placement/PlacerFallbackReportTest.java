package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the placer says when it cannot keep every fragment in its own domain, and when it refuses. */
class PlacerFallbackReportTest {
    private static final StripeId STRIPE = StripeId.ofName("report".getBytes());

    @Test
    void exhaustedLevelsAreReportedWithTheirDomainCountsAndTheResultingMaximum() {
        // 3 azs, 6 spines, 12 pdus, 24 racks of 2 nodes; rs(10,4) = 14 fragments
        Topology fleet = ModeledFleet.uniform(3, 2, 2, 2, 2);

        Placement p = Placer.place(STRIPE, 14, ModeledFleet.LEVELS, fleet);

        assertEquals(List.of("pdu", "spine", "az"), p.report().fallbacks().stream().map(LevelSpread::level).toList());
        LevelSpread az = p.report().level("az");
        assertEquals(List.of(3, 5, 5, 3), List.of(az.domains(), az.idealMax(), az.maxPerDomain(), az.domainsUsed()));
        assertEquals(LevelSpread.Cause.EXHAUSTED, az.cause());
        assertEquals(List.of(6, 3, 3), List.of(p.report().level("spine").domains(), p.report().level("spine").idealMax(),
                p.report().level("spine").maxPerDomain()));
        assertEquals(List.of(12, 2, 2), List.of(p.report().level("pdu").domains(), p.report().level("pdu").idealMax(),
                p.report().level("pdu").maxPerDomain()));
        LevelSpread rack = p.report().level("rack");
        assertEquals(List.of(24, 1, 1, 14), List.of(rack.domains(), rack.idealMax(), rack.maxPerDomain(), rack.domainsUsed()));
        assertEquals(LevelSpread.Cause.ANTI_AFFINE, rack.cause());
        assertTrue(az.why().contains("only 3 domains for 14 fragments (ceil(14/3) = 5)"), az.why());
        assertFalse(p.report().clean());
    }

    @Test
    void aWideEnoughFleetReportsNoFallback() {
        Placement p = Placer.place(STRIPE, 14, ModeledFleet.LEVELS, ModeledFleet.uniform(16, 1, 1, 1, 2));

        assertTrue(p.report().clean(), p.report().summary());
        assertEquals(16, p.report().level("az").domains());
    }

    @Test
    void anOuterLevelsEvennessComesBeforeAnInnerLevelsSpread() {
        // az a: one rack of 10 nodes; az b: ten racks of one node. 6 fragments: 3 per az, so 3 in a's rack.
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(Node.of("a" + i, Map.of("az", "a", "rack", "a-r")));
            nodes.add(Node.of("b" + i, Map.of("az", "b", "rack", "b-r" + i)));
        }

        Placement p = Placer.place(STRIPE, 6, AntiAffinity.of("rack", "az"), Topology.of(nodes));

        assertEquals(3, p.report().level("az").maxPerDomain());
        LevelSpread rack = p.report().level("rack");
        assertEquals(List.of(11, 1, 3), List.of(rack.domains(), rack.idealMax(), rack.maxPerDomain()));
        assertEquals(LevelSpread.Cause.OUTER_LEVEL_FIRST, rack.cause());
    }

    @Test
    void domainsTooSmallForTheirShareAreReportedAsSuch() {
        List<Node> nodes = new ArrayList<>(List.of(Node.of("a0", Map.of("az", "a"))));
        for (int i = 0; i < 10; i++) {
            nodes.add(Node.of("b" + i, Map.of("az", "b")));
        }

        Placement p = Placer.place(STRIPE, 6, AntiAffinity.of("az"), Topology.of(nodes));

        LevelSpread az = p.report().level("az");
        assertEquals(List.of(2, 3, 5), List.of(az.domains(), az.idealMax(), az.maxPerDomain()));
        assertEquals(LevelSpread.Cause.SMALL_DOMAINS, az.cause());
    }

    @Test
    void fewerLiveNodesThanFragmentsIsRefusedWithTheCounts() {
        Topology thirteen = ModeledFleet.uniform(13, 1, 1, 1, 1);

        PlacementRefused refused = assertThrows(PlacementRefused.class,
                () -> Placer.place(STRIPE, 14, ModeledFleet.LEVELS, thirteen));

        assertEquals("placement.too-few-nodes", refused.error().code());
        assertTrue(refused.error().why().startsWith("14 fragments need 14 distinct nodes, but only 13 of the 13"),
                refused.error().why());
        assertTrue(refused.error().fix().contains("k+m ≤ 13"), refused.error().fix());
    }

    @Test
    void fullNodesAreNotCandidatesAndTheRefusalSaysSo() {
        Topology fleet = ModeledFleet.uniform(14, 1, 1, 1, 1);
        Node first = fleet.nodes().get(0);
        Topology oneFull = fleet.with(first.withFreeBytes(0));

        PlacementRefused refused = assertThrows(PlacementRefused.class,
                () -> Placer.place(STRIPE, 14, ModeledFleet.LEVELS, oneFull));

        assertTrue(refused.error().why().contains("1 report no free space"), refused.error().why());
        assertEquals(LabelIssue.Problem.FULL, oneFull.audit(ModeledFleet.LEVELS).get(0).problem());
        assertFalse(Placer.place(STRIPE, 13, ModeledFleet.LEVELS, oneFull).nodes().contains(first.id()));
    }

    @Test
    void aStripeWidthOutsideOneTo256IsRefused() {
        Topology fleet = ModeledFleet.uniform(2, 1, 1, 1, 1);

        assertEquals("placement.bad-width", assertThrows(PlacementRefused.class,
                () -> Placer.place(STRIPE, 0, ModeledFleet.LEVELS, fleet)).error().code());
        assertEquals("placement.bad-width", assertThrows(PlacementRefused.class,
                () -> Placer.place(STRIPE, 257, ModeledFleet.LEVELS, fleet)).error().code());
    }
}
