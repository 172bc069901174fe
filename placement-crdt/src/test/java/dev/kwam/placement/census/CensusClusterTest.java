package dev.kwam.placement.census;

import static dev.kwam.placement.census.CensusFixtures.cid;
import static dev.kwam.placement.census.CensusFixtures.node;
import static dev.kwam.placement.census.CensusFixtures.slot;
import static dev.kwam.placement.census.CensusFixtures.slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Three actor systems in one cluster: what one node records, every node comes to see. */
class CensusClusterTest {
    private static final Duration FORM = Duration.ofSeconds(60);
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final CensusCluster CLUSTER = new CensusCluster(3, FORM);

    @AfterAll
    static void shutDown() {
        CLUSTER.close();
    }

    private static Census.Recorded record(int on, Cid stripe, List<FragmentSlot> slots) {
        TestProbe<Census.Recorded> probe = CLUSTER.kit(on).createTestProbe();
        CLUSTER.census(on).tell(new Census.RecordFragments(stripe, 10, 4, slots, probe.getRef()));
        return probe.receiveMessage(WAIT);
    }

    private static Map<Cid, StripeEntry> lookup(int on, Cid stripe) {
        TestProbe<Census.Stripes> probe = CLUSTER.kit(on).createTestProbe();
        CLUSTER.census(on).tell(new Census.LookupStripes(List.of(stripe), probe.getRef()));
        return probe.receiveMessage(WAIT).found();
    }

    @Test
    void aWriteOnNodeOneIsSeenOnNodeThree() {
        Cid stripe = cid("cluster-stripe-1");

        Census.Recorded r = record(0, stripe, slots(14, "n1"));

        assertEquals(new Census.Recorded(stripe, true), r, "a majority of 3 is up, so the write replicates");
        TestProbe<Object> probe = CLUSTER.kit(2).createTestProbe();
        probe.awaitAssert(CONVERGE, () -> {
            assertEquals(new StripeEntry(stripe, 10, 4, slots(14, "n1")), lookup(2, stripe).get(stripe));
            return null;
        });
    }

    @Test
    void concurrentWritesOfDifferentSlotsOnTwoNodesBothSurvive() {
        Cid stripe = cid("cluster-stripe-2");
        assertTrue(record(0, stripe, slots(14, "n0")).accepted());
        FragmentSlot onOne = new FragmentSlot(3, cid("rebuilt-3"), "node-one", SlotState.OK);
        FragmentSlot onTwo = new FragmentSlot(7, cid("rebuilt-7"), "node-two", SlotState.OK);
        TestProbe<Census.Recorded> p1 = CLUSTER.kit(0).createTestProbe();
        TestProbe<Census.Recorded> p2 = CLUSTER.kit(1).createTestProbe();

        CLUSTER.census(0).tell(new Census.RecordFragments(stripe, 10, 4, List.of(onOne), p1.getRef()));
        CLUSTER.census(1).tell(new Census.RecordFragments(stripe, 10, 4, List.of(onTwo), p2.getRef()));
        assertTrue(p1.receiveMessage(WAIT).accepted());
        assertTrue(p2.receiveMessage(WAIT).accepted());

        for (int n = 0; n < 3; n++) {
            int on = n;
            CLUSTER.kit(on).createTestProbe().awaitAssert(CONVERGE, () -> {
                List<FragmentSlot> slots = lookup(on, stripe).get(stripe).slots();
                assertEquals(onOne, slots.get(3), "node " + on);
                assertEquals(onTwo, slots.get(7), "node " + on);
                assertEquals(slot(0, "n0"), slots.get(0), "node " + on);
                return null;
            });
        }
    }

    @Test
    void theNodeDirectoryConvergesOnEveryNode() {
        for (int n = 0; n < 3; n++) {
            TestProbe<Done> done = CLUSTER.kit(n).createTestProbe();
            CLUSTER.census(n).tell(new Census.RegisterNode(node("member-" + n, 1_000 + n), done.getRef()));
            done.receiveMessage(WAIT);
        }
        for (int n = 0; n < 3; n++) {
            int on = n;
            TestProbe<Census.Nodes> nodes = CLUSTER.kit(on).createTestProbe();
            nodes.awaitAssert(CONVERGE, () -> {
                CLUSTER.census(on).tell(new Census.GetNodes(nodes.getRef()));
                Set<String> names = nodes.receiveMessage(WAIT).nodes().stream().map(NodeEntry::node)
                        .collect(Collectors.toSet());
                assertTrue(names.containsAll(Set.of("member-0", "member-1", "member-2")), "node " + on + ": " + names);
                return null;
            });
        }
    }

    @Test
    void anObjectRecordedOnOneNodeIsFoundOnAnother() {
        ObjectEntry o = CensusFixtures.object("cluster-object", List.of("member-1"));
        TestProbe<Census.Recorded> recorded = CLUSTER.kit(1).createTestProbe();
        CLUSTER.census(1).tell(new Census.RecordObject(o, recorded.getRef()));
        assertTrue(recorded.receiveMessage(WAIT).accepted());

        TestProbe<Census.ObjectFound> found = CLUSTER.kit(2).createTestProbe();
        found.awaitAssert(CONVERGE, () -> {
            CLUSTER.census(2).tell(new Census.LookupObject(o.object(), found.getRef()));
            assertEquals(o, found.receiveMessage(WAIT).entry().orElseThrow());
            return null;
        });
    }
}
