package dev.kwam.placement.census;

import static dev.kwam.placement.census.CensusFixtures.cid;
import static dev.kwam.placement.census.CensusFixtures.node;
import static dev.kwam.placement.census.CensusFixtures.object;
import static dev.kwam.placement.census.CensusFixtures.slot;
import static dev.kwam.placement.census.CensusFixtures.slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every census command on a one-node cluster, including the malformed ones it must refuse and survive. */
class CensusProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ActorTestKit KIT = ActorTestKit.create("census-protocol", CensusFixtures.clusterConfig(0));
    private static final ActorRef<Census.Command> CENSUS;

    static {
        Cluster cluster = Cluster.get(KIT.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        CENSUS = KIT.spawn(Census.create(), "census");
    }

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    private static Census.Recorded record(Cid stripe, int k, int m, List<FragmentSlot> slots) {
        TestProbe<Census.Recorded> probe = KIT.createTestProbe();
        CENSUS.tell(new Census.RecordFragments(stripe, k, m, slots, probe.getRef()));
        return probe.receiveMessage(WAIT);
    }

    private static Map<Cid, StripeEntry> lookup(Cid... stripes) {
        TestProbe<Census.Stripes> probe = KIT.createTestProbe();
        CENSUS.tell(new Census.LookupStripes(List.of(stripes), probe.getRef()));
        return probe.receiveMessage(WAIT).found();
    }

    private static List<ObjectEntry> list(int limit) {
        return list(limit, java.util.Optional.empty());
    }

    private static List<ObjectEntry> list(int limit, java.util.Optional<Cid> after) {
        TestProbe<Census.ObjectList> probe = KIT.createTestProbe();
        CENSUS.tell(new Census.ListObjects(limit, after, probe.getRef()));
        return probe.receiveMessage(WAIT).objects();
    }

    private static void assertStillServing() {
        Cid probeStripe = cid("alive-" + System.nanoTime());
        assertTrue(record(probeStripe, 2, 1, List.of(slot(0, "n1"))).accepted());
        assertEquals(1, lookup(probeStripe).get(probeStripe).slots().size());
    }

    @Test
    void aScanFindsTheStripesOnANodeAndTheStripesBelowFullRedundancy() {
        Cid onGone = cid("scan-on-gone");
        Cid healthy = cid("scan-healthy");
        Cid corrupt = cid("scan-corrupt");
        Cid short1 = cid("scan-short");
        assertTrue(record(onGone, 2, 1, List.of(slot(0, "scan-a"), slot(1, "scan-b"), slot(2, "scan-gone"))).accepted());
        assertTrue(record(healthy, 2, 1, List.of(slot(0, "scan-a"), slot(1, "scan-b"), slot(2, "scan-c"))).accepted());
        assertTrue(record(corrupt, 2, 1, List.of(slot(0, "scan-a"), slot(1, "scan-b"),
                new FragmentSlot(2, cid("bad"), "scan-c", SlotState.CORRUPT))).accepted());
        assertTrue(record(short1, 2, 1, List.of(slot(0, "scan-a"), slot(1, "scan-b"))).accepted());

        TestProbe<Census.Stripes> probe = KIT.createTestProbe();
        CENSUS.tell(new Census.ScanStripes(java.util.Set.of("scan-gone"), java.util.Set.of(), probe.getRef()));
        assertEquals(java.util.Set.of(onGone), probe.receiveMessage(WAIT).found().keySet());

        CENSUS.tell(new Census.ScanStripes(java.util.Set.of(), java.util.Set.of("scan-a", "scan-b", "scan-c"), probe.getRef()));
        Map<Cid, StripeEntry> unhealthy = probe.receiveMessage(WAIT).found();
        assertTrue(unhealthy.keySet().containsAll(java.util.Set.of(onGone, corrupt, short1)), unhealthy.keySet().toString());
        assertFalse(unhealthy.containsKey(healthy), "every fragment OK on a member: not below full redundancy");
    }

    @Test
    void recordedFragmentsAreFoundSlotBySlotInIndexOrder() {
        Cid stripe = cid("stripe-a");
        List<FragmentSlot> written = new ArrayList<>(slots(14, "n1"));
        java.util.Collections.reverse(written);

        Census.Recorded r = record(stripe, 10, 4, written);

        assertEquals(new Census.Recorded(stripe, true), r);
        StripeEntry e = lookup(stripe).get(stripe);
        assertEquals(new StripeEntry(stripe, 10, 4, slots(14, "n1")), e);
    }

    @Test
    void aLaterWriteOfOneSlotReplacesItAndKeepsTheOthers() {
        Cid stripe = cid("stripe-b");
        record(stripe, 2, 1, slots(3, "n1"));
        FragmentSlot moved = new FragmentSlot(1, cid("rebuilt"), "n9", SlotState.REPAIRING);

        assertTrue(record(stripe, 2, 1, List.of(moved)).accepted());

        List<FragmentSlot> now = lookup(stripe).get(stripe).slots();
        assertEquals(List.of(slot(0, "n1"), moved, slot(2, "n1")), now);
    }

    @Test
    void lookupGroupsByKeyAndLeavesUnknownStripesOut() {
        Cid known = cid("stripe-c");
        record(known, 1, 0, List.of(slot(0, "n2")));

        Map<Cid, StripeEntry> found = lookup(known, cid("never-1"), cid("never-2"), known);

        assertEquals(Map.of(known, new StripeEntry(known, 1, 0, List.of(slot(0, "n2")))), found);
        assertEquals(Map.of(), lookup());
        assertEquals(Map.of(), lookup(cid("never-3")));
    }

    @Test
    void malformedWritesAreRefusedWholeWithAReasonAndTheCensusSurvives() {
        Cid stripe = cid("stripe-hostile");
        List<Census.Recorded> answers = List.of(
                record(stripe, 10, 4, List.of()),                                  // no slots
                record(stripe, 0, 4, List.of(slot(0, "n1"))),                      // k = 0
                record(stripe, 10, -1, List.of(slot(0, "n1"))),                    // m < 0
                record(stripe, 200, 57, List.of(slot(0, "n1"))),                   // k+m > 256
                record(stripe, Integer.MAX_VALUE, Integer.MAX_VALUE, List.of(slot(0, "n1"))), // overflow
                record(stripe, 10, 4, List.of(slot(3, "n1"), slot(3, "n2"))),      // duplicate index
                record(stripe, 10, 4, List.of(slot(14, "n1"))),                    // index = k+m
                record(stripe, 2, 1, List.of(slot(255, "n1"))),                    // index > k+m
                record(stripe, 10, 4, slots(256, "n1")),                           // more slots than k+m
                record(null, 10, 4, List.of(slot(0, "n1"))));                      // no stripe
        for (Census.Recorded r : answers) {
            assertFalse(r.accepted(), r.toString());
            assertFalse(r.replicated());
        }
        assertTrue(answers.get(5).refusal().get().contains("appears twice"));
        assertEquals(Map.of(), lookup(stripe));
        assertStillServing();
    }

    @Test
    void aHugeSlotListIsRefusedWithoutRecordingAnything() {
        Cid stripe = cid("stripe-huge");
        List<FragmentSlot> huge = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            huge.add(slot(i % 256, "n" + i));
        }

        Census.Recorded r = record(stripe, 200, 56, huge);

        assertFalse(r.accepted());
        assertEquals(Map.of(), lookup(stripe));
        assertStillServing();
    }

    @Test
    void aWriteThatContradictsTheRecordedGeometryIsRefused() {
        Cid stripe = cid("stripe-geometry");
        assertTrue(record(stripe, 10, 4, slots(14, "n1")).accepted());

        Census.Recorded r = record(stripe, 6, 3, List.of(slot(0, "n2")));

        assertFalse(r.accepted());
        assertTrue(r.refusal().get().contains("k=10, m=4"), r.refusal().get());
        assertEquals(slots(14, "n1"), lookup(stripe).get(stripe).slots());
    }

    @Test
    void commandsWithoutReplyToAreIgnored() {
        CENSUS.tell(new Census.RecordFragments(cid("x"), 1, 0, List.of(slot(0, "n")), null));
        CENSUS.tell(new Census.LookupStripes(List.of(cid("x")), null));
        CENSUS.tell(new Census.ListObjects(5, null));
        CENSUS.tell(new Census.GetNodes(null));
        CENSUS.tell(new Census.RegisterNode(node("n-null", 1), null));
        CENSUS.tell(new Census.RecordObject(object("null", List.of()), null));
        CENSUS.tell(new Census.LookupObject(cid("x"), null));
        assertStillServing();
    }

    @Test
    void theNodeDirectoryKeepsTheLatestRegistrationOfEachNode() {
        TestProbe<Done> done = KIT.createTestProbe();
        CENSUS.tell(new Census.RegisterNode(node("dir-a", 100), done.getRef()));
        CENSUS.tell(new Census.RegisterNode(node("dir-b", 100), done.getRef()));
        NodeEntry moved = new NodeEntry("dir-a", "spiffe://x/a", "10.0.0.1:7000", Map.of("rack", "r9"), "cd".repeat(32), 200);
        CENSUS.tell(new Census.RegisterNode(moved, done.getRef()));
        CENSUS.tell(new Census.RegisterNode(node("dir-a", 150), done.getRef()));  // older than 200: loses
        for (int i = 0; i < 4; i++) {
            done.receiveMessage(WAIT);
        }

        TestProbe<Census.Nodes> nodes = KIT.createTestProbe();
        CENSUS.tell(new Census.GetNodes(nodes.getRef()));
        List<NodeEntry> all = nodes.receiveMessage(WAIT).nodes();

        assertTrue(all.contains(moved), all.toString());
        assertTrue(all.contains(node("dir-b", 100)), all.toString());
        assertEquals(1, all.stream().filter(n -> n.node().equals("dir-a")).count());
    }

    @Test
    void aNodeWithoutANameIsNotRegistered() {
        TestProbe<Done> done = KIT.createTestProbe();
        CENSUS.tell(new Census.RegisterNode(node("", 1), done.getRef()));
        done.expectNoMessage(Duration.ofMillis(300));
        TestProbe<Census.Nodes> nodes = KIT.createTestProbe();
        CENSUS.tell(new Census.GetNodes(nodes.getRef()));
        assertTrue(nodes.receiveMessage(WAIT).nodes().stream().noneMatch(n -> n.node().isEmpty()));
    }

    @Test
    void objectsAreFoundAndTheirManifestHoldersAccumulate() {
        ObjectEntry first = object("o1", List.of("n2", "n1"));
        TestProbe<Census.Recorded> recorded = KIT.createTestProbe();
        CENSUS.tell(new Census.RecordObject(first, recorded.getRef()));
        assertEquals(new Census.Recorded(first.object(), true), recorded.receiveMessage(WAIT));
        CENSUS.tell(new Census.RecordObject(object("o1", List.of("n3", "n1")), recorded.getRef()));
        assertTrue(recorded.receiveMessage(WAIT).accepted());

        TestProbe<Census.ObjectFound> found = KIT.createTestProbe();
        CENSUS.tell(new Census.LookupObject(first.object(), found.getRef()));
        Census.ObjectFound f = found.receiveMessage(WAIT);

        assertEquals(List.of("n1", "n2", "n3"), f.entry().get().manifestHolders());
        CENSUS.tell(new Census.LookupObject(cid("no-such-object"), found.getRef()));
        assertEquals(new Census.ObjectFound(cid("no-such-object"), java.util.Optional.empty()), found.receiveMessage(WAIT));
    }

    @Test
    void anObjectWithANegativeSizeIsRefused() {
        ObjectEntry bad = new ObjectEntry(cid("bad-object"), cid("c"), -1, 2, List.of(), 1);
        TestProbe<Census.Recorded> recorded = KIT.createTestProbe();
        CENSUS.tell(new Census.RecordObject(bad, recorded.getRef()));
        assertFalse(recorded.receiveMessage(WAIT).accepted());
    }

    @Test
    void aRecordOrLookupWithoutItsObjectCannotBeSent() {
        TestProbe<Census.Recorded> recorded = KIT.createTestProbe();
        TestProbe<Census.ObjectFound> found = KIT.createTestProbe();
        assertThrows(NullPointerException.class, () -> new Census.RecordObject(null, recorded.getRef()));
        assertThrows(NullPointerException.class, () -> new Census.LookupObject(null, found.getRef()));
    }

    @Test
    void listObjectsAnswersInCidOrderUpToTheLimitAndNothingForALimitOutOfRange() {
        TestProbe<Census.Recorded> recorded = KIT.createTestProbe();
        for (int i = 0; i < 30; i++) {
            CENSUS.tell(new Census.RecordObject(object("listed-" + i, List.of("n1")), recorded.getRef()));
            assertTrue(recorded.receiveMessage(WAIT).accepted());
        }

        List<ObjectEntry> all = list(10_000);
        List<ObjectEntry> first5 = list(5);

        assertTrue(all.size() >= 30);
        List<ObjectEntry> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparing(ObjectEntry::object));
        assertEquals(sorted, all);
        assertEquals(all.subList(0, 5), first5);
        assertEquals(1, list(1).size());
        for (int bad : new int[] {0, -1, 10_001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(List.of(), list(bad), "limit " + bad);
        }
        assertStillServing();
    }

    @Test
    void pagesAfterACursorWalkEveryObjectOnceInCidOrder() {
        TestProbe<Census.Recorded> recorded = KIT.createTestProbe();
        for (int i = 0; i < 47; i++) {
            CENSUS.tell(new Census.RecordObject(object("paged-" + i, List.of("n1")), recorded.getRef()));
            assertTrue(recorded.receiveMessage(WAIT).accepted());
        }
        List<ObjectEntry> all = list(10_000);

        List<ObjectEntry> walked = new ArrayList<>();
        java.util.Optional<Cid> cursor = java.util.Optional.empty();
        int pages = 0;
        while (true) {
            List<ObjectEntry> page = list(7, cursor);
            walked.addAll(page);
            pages++;
            if (page.size() < 7) {
                break;
            }
            cursor = java.util.Optional.of(page.get(page.size() - 1).object());
        }

        assertEquals(all, walked);
        assertEquals(all.size() / 7 + 1, pages);
        // A cursor that is not itself an object starts at the next cid after it.
        byte[] digest = all.get(10).object().digest().clone();
        digest[digest.length - 1] = (byte) (digest[digest.length - 1] ^ 0x01 | 0x01);
        Cid between = Cid.ofDigest(digest);
        int from = between.compareTo(all.get(10).object()) > 0 ? 11 : 10;
        assertEquals(all.subList(from, from + 3), list(3, java.util.Optional.of(between)));
        byte[] top = new byte[32];
        java.util.Arrays.fill(top, (byte) 0xFF);
        assertEquals(List.of(), list(5, java.util.Optional.of(Cid.ofDigest(top))));
    }
}
