package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.durability.FleetShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels are data and may be wrong: the topology says which nodes it cannot trust, and the placer uses them last. */
class TopologyLabelAuditTest {
    private static final AntiAffinity RACK_PDU = AntiAffinity.of("rack", "pdu");
    private static final StripeId STRIPE = StripeId.ofName("audit".getBytes());

    /** pdus p0..p3, two racks each, two nodes per rack. */
    private static List<Node> wellLabelled() {
        List<Node> nodes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            for (int r = 0; r < 2; r++) {
                for (int n = 0; n < 2; n++) {
                    nodes.add(Node.of("p" + p + "r" + r + "n" + n, Map.of("pdu", "p" + p, "rack", "p" + p + "r" + r)));
                }
            }
        }
        return nodes;
    }

    @Test
    void aNodeMissingAListedLabelIsReportedAndUsedOnlyAsALastResort() {
        List<Node> nodes = wellLabelled();
        nodes.add(Node.of("stray", Map.of("rack", "p9r0")));
        Topology fleet = Topology.of(nodes);

        List<LabelIssue> issues = fleet.audit(RACK_PDU);
        assertEquals(1, issues.size());
        assertEquals(LabelIssue.Problem.MISSING_LABEL, issues.get(0).problem());
        assertTrue(issues.get(0).detail().startsWith("lacks the label pdu"), issues.get(0).detail());

        for (int s = 0; s < 200; s++) {
            assertFalse(Placer.place(StripeId.ofName(("s" + s).getBytes()), 16, RACK_PDU, fleet).nodes().contains(NodeId.of("stray")),
                    "16 well-labelled nodes are enough for 16 fragments");
        }
        Placement all = Placer.place(STRIPE, 17, RACK_PDU, fleet);
        assertEquals(NodeId.of("stray"), all.node(16), "the last fragment takes the last resort");
        assertEquals(List.of(new PlacementReport.LastResortUse(16, NodeId.of("stray"), issues.get(0).detail())),
                all.report().lastResort());
        assertEquals(1, all.report().level("pdu").unlabelled());
    }

    @Test
    void aNodeContradictingTheNestingIsReportedWithTheMajorityParent() {
        List<Node> nodes = wellLabelled();
        nodes.add(Node.of("liar", Map.of("pdu", "p1", "rack", "p0r0"))); // rack p0r0 is in p0 on its other 2 nodes
        Topology fleet = Topology.of(nodes);

        List<LabelIssue> issues = fleet.audit(RACK_PDU);

        assertEquals(1, issues.size());
        assertEquals(NodeId.of("liar"), issues.get(0).node());
        assertEquals(LabelIssue.Problem.CONTRADICTS_NESTING, issues.get(0).problem());
        assertTrue(issues.get(0).detail().startsWith("rack=p0r0 sits in pdu=p0 on 2 of 3 nodes, but this node says pdu=p1"),
                issues.get(0).detail());
        assertEquals(Map.of("rack", 8, "pdu", 4), fleet.domainCounts(RACK_PDU), "the liar adds no domain");
        Placement p = Placer.place(STRIPE, 17, RACK_PDU, fleet);
        assertEquals(NodeId.of("liar"), p.node(16));
        assertEquals(LevelSpread.Cause.LAST_RESORT, p.report().level("rack").cause(),
                "rack p0r0 now holds up to 3: " + p.report().level("rack").why());
    }

    @Test
    void theVerdictOnContradictionsDoesNotDependOnTheOrderNodesArriveIn() {
        List<Node> tie = new ArrayList<>(List.of(Node.of("x", Map.of("pdu", "p1", "rack", "r")),
                Node.of("y", Map.of("pdu", "p0", "rack", "r"))));
        List<Node> reversed = new ArrayList<>(tie);
        java.util.Collections.reverse(reversed);

        assertEquals(Topology.of(tie).audit(RACK_PDU), Topology.of(reversed).audit(RACK_PDU));
        assertEquals(NodeId.of("x"), Topology.of(tie).audit(RACK_PDU).get(0).node(), "a tie goes to the smaller parent name");
    }

    @Test
    void labelsNotListedInTheAntiAffinityAreIgnored() {
        Topology fleet = Topology.of(List.of(Node.of("a", Map.of("rack", "r1", "gpu", "h100")), Node.of("b", Map.of("rack", "r2"))));

        assertTrue(fleet.audit(AntiAffinity.of("rack")).isEmpty());
        assertEquals(2, fleet.audit(AntiAffinity.of("rack", "pdu")).size(), "listing pdu makes both nodes unlabelled");
    }

    @Test
    void theLiveFleetShapeFeedsTheDurabilityModel() {
        FleetShape shape = ModeledFleet.uniform(8, 4, 8, 4, 4).fleetShape(ModeledFleet.LEVELS);

        assertEquals(Map.of("rack", 1024, "pdu", 256, "spine", 32, "az", 8), shape.domainsPerLevel());
        assertEquals(FleetShape.H100_CAMPUS, shape);
    }

    @Test
    void twoMembershipEntriesForOneNodeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Topology.of(List.of(Node.of("a", Map.of("rack", "r1")), Node.of("a", Map.of("rack", "r2")))));
    }
}
