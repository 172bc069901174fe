package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairEvent;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.up.RunningNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster heals itself: six real nodes in one JVM (one rack each), rs(3,2) — five fragments per stripe,
 * so with one node gone there are still five nodes to hold every stripe at full redundancy without putting
 * two fragments of a stripe on one node. A byte flipped in a fragment file on disk is found by the scrubber
 * (2 s interval) and the fragment rebuilt elsewhere; a node that leaves has everything it held rebuilt on
 * the others. Full redundancy is checked on disk, not only in the census: every fragment the stat names is
 * a file on the node it names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterHealTest {
    private static final Duration ASK = Duration.ofSeconds(60);
    private static final Duration HEALED = Duration.ofSeconds(120);
    private static final Optional<CodecSpec> RS_3_2 = Optional.of(new CodecSpec.ReedSolomonSpec(3, 2));
    private static final int WIDTH = 5;

    @TempDir
    static Path root;

    private TestCluster cluster;
    private final List<RunningNode> nodes = new ArrayList<>();
    private final Map<Cid, byte[]> objects = new LinkedHashMap<>();
    private final Set<String> gone = new HashSet<>();

    @BeforeAll
    void startSixNodesAndProtect() throws Exception {
        cluster = new TestCluster(root, CertificateAuthority.create(TestCluster.TRUST_DOMAIN));
        Map<String, Object> fastScrub = Map.of("kwam.node.scrub-interval", "2s", "kwam.node.repair.sweep-interval", "5s");
        nodes.addAll(cluster.startOnRacks(6, fastScrub, ASK));
        SplittableRandom random = new SplittableRandom(505);
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[i == 0 ? 3 << 20 : 100_000 + 40_000 * i];
            random.nextBytes(data);
            KwamNode.Protected p = assertInstanceOf(KwamNode.Protected.class,
                    this.<KwamNode.ProtectReply>ask(nodes.get(i % 3), r -> new KwamNode.Protect(Source.single(ByteString.fromArray(data)), RS_3_2, r)));
            assertEquals(0, p.unplacedFragments());
            objects.put(p.object(), data);
        }
        assertFullRedundancyNow();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aByteFlippedOnDiskIsFoundByTheScrubberAndTheFragmentRebuiltWhileReadsStayExact() throws Exception {
        Cid object = objects.keySet().iterator().next();
        KwamNode.FragmentStat victim = stat(nodes.get(0), object).stripes().get(0).fragments().stream()
                .filter(f -> f.node().equals("node-3")).findFirst().orElseThrow();
        Path file = fragmentFile("node-3", victim.cid());
        TestProbe<KwamNode.NodeEvent> events = TestProbe.create(nodes.get(0).system());
        nodes.get(0).kwamNode().tell(new KwamNode.Subscribe(events.getRef()));
        Thread.sleep(1000); // the node subscribes to the JHMM's events on our behalf
        flipByte(file, FragmentHeader.BYTES + 1000);

        // No read touches the object first: the scrubber alone must find the flipped byte.
        TestCluster.await(HEALED, "the scrubber quarantines the flipped fragment on node-3", () -> quarantined("node-3") >= 1);
        String cause = "";
        while (!cause.startsWith("scrub found fragment " + victim.index() + " on node-3 corrupt")) {
            KwamNode.NodeEvent e = events.receiveMessage(Duration.ofSeconds(30));
            if (e instanceof KwamNode.RepairProgress rp && rp.event() instanceof RepairEvent.Detected d) {
                cause = d.cause();
            }
        }
        // While the JHMM rebuilds it, a read is exact (the other four fragments suffice) or fails; never wrong bytes.
        assertArrayEquals(objects.get(object), recover(nodes.get(4), object));
        awaitFullRedundancy();
        TestCluster.await(Duration.ofSeconds(30), "every node's census shows the rebuilt fragment ok", () -> {
            try {
                for (RunningNode observer : nodes) {
                    KwamNode.FragmentStat now = stat(observer, object).stripes().get(0).fragments().get(victim.index());
                    if (!now.state().equals("ok") || now.node().equals("node-3") || !now.cid().equals(victim.cid())) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        KwamNode.FragmentStat after = stat(nodes.get(1), object).stripes().get(0).fragments().get(victim.index());
        assertTrue(Files.isRegularFile(fragmentFile(after.node(), after.cid())), "the rebuilt fragment is on " + after.node());
        for (RunningNode reader : List.of(nodes.get(1), nodes.get(5))) {
            assertArrayEquals(objects.get(object), recover(reader, object));
        }
    }

    @Test
    @Order(2)
    void everythingALeavingNodeHeldIsRebuiltOnTheOthersAndEveryObjectRecoversByteIdentical() throws Exception {
        TestProbe<KwamNode.NodeEvent> events = TestProbe.create(nodes.get(1).system());
        nodes.get(1).kwamNode().tell(new KwamNode.Subscribe(events.getRef()));
        Thread.sleep(1000); // the node subscribes to the JHMM's events on our behalf

        RunningNode leaving = nodes.get(5);
        int held = fragmentsOn("node-6");
        assertTrue(held > 0, "node-6 held fragments before it left");
        leaving.shutdown();
        gone.add("node-6");
        TestCluster.await(Duration.ofSeconds(90), "node-6 shut down", leaving::shutdownCompleted);

        awaitFullRedundancy();
        for (Map.Entry<Cid, byte[]> o : objects.entrySet()) {
            assertArrayEquals(o.getValue(), recover(nodes.get(2), o.getKey()), "object " + o.getKey());
        }
        boolean completed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!completed && System.nanoTime() < deadline) {
            KwamNode.NodeEvent e = events.receiveMessage(Duration.ofSeconds(30));
            completed = e instanceof KwamNode.RepairProgress rp && rp.event() instanceof RepairEvent.Completed;
        }
        assertTrue(completed, "node-2's subscribers saw a repair complete");

        // The census shows a repaired slot (record step) a moment before its repair reports done and leaves the plan.
        TestCluster.await(Duration.ofSeconds(60), "the JHMM's plan empties", () -> {
            try {
                return this.<KwamNode.RepairsReply>ask(nodes.get(3), KwamNode.Repairs::new) instanceof KwamNode.RepairReport r
                        && r.status().plan().stripes().isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        KwamNode.RepairReport report = assertInstanceOf(KwamNode.RepairReport.class,
                this.<KwamNode.RepairsReply>ask(nodes.get(3), KwamNode.Repairs::new));
        assertTrue(report.status().repaired() >= held, "repaired " + report.status().repaired() + " stripes, node-6 held " + held);
        assertTrue(report.status().plan().stripes().isEmpty(), "nothing left to plan: " + report.status().plan());
        assertTrue(report.status().parked().isEmpty(), String.valueOf(report.status().parked()));

        // The budget is the cluster's: changed through one node, reported through another.
        RepairBudget.Limits slower = new RepairBudget.Limits(2, 1 << 20);
        assertInstanceOf(KwamNode.RepairReport.class,
                this.<KwamNode.RepairsReply>ask(nodes.get(4), r -> new KwamNode.AdjustRepairBudget(slower, r)));
        TestCluster.await(Duration.ofSeconds(30), "node-3 reports the new limits", () -> {
            try {
                return this.<KwamNode.RepairsReply>ask(nodes.get(2), KwamNode.Repairs::new) instanceof KwamNode.RepairReport r
                        && r.status().limits().equals(slower);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(3)
    void aSurplusCopyIsRemovedOnlyWhenTheCensusHolderHasItAndAnUnknownFileIsKept() throws Exception {
        Cid object = objects.keySet().iterator().next();
        KwamNode.StripeStat stripe = stat(nodes.get(0), object).stripes().get(0);
        KwamNode.FragmentStat named = stripe.fragments().get(0);
        String elsewhere = stripe.fragments().get(1).node();
        // As if `elsewhere` came back with a disk holding a copy the JHMM rebuilt on `named.node()` meanwhile.
        Path surplus = fragmentFile(elsewhere, named.cid());
        Files.createDirectories(surplus.getParent());
        Files.copy(fragmentFile(named.node(), named.cid()), surplus);
        // And a well-formed fragment the census knows nothing of (a protect that failed half-way): never provable.
        byte[] payload = "no census entry names this fragment".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FragmentHeader header = new FragmentHeader(new CodecSpec.ReedSolomonSpec(3, 2), 0, 0, payload.length * 3,
                payload.length, Cid.of("orphan chunk".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new byte[32]);
        dev.kwam.codec.fragment.Fragment orphan = dev.kwam.codec.fragment.Fragment.seal(header, payload, Cid.sha256());
        Path unknown = fragmentFile(elsewhere, orphan.cid());
        Files.createDirectories(unknown.getParent());
        Files.write(unknown, orphan.toBytes());
        java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(surplus, twoHoursAgo);
        Files.setLastModifiedTime(unknown, twoHoursAgo);

        TestCluster.await(HEALED, "the scrubber of " + elsewhere + " removes the surplus copy", () -> !Files.exists(surplus));

        assertTrue(Files.isRegularFile(fragmentFile(named.node(), named.cid())), "the census's copy stays on " + named.node());
        assertTrue(Files.isRegularFile(unknown), "a file no census entry names is kept");
        assertFullRedundancyNow();
        assertArrayEquals(objects.get(object), recover(nodes.get(1), object));
    }

    @Test
    @Order(4)
    void aFragmentFileRemovedBehindTheStoresBackIsFoundMissingByTheAuditAndRebuilt() throws Exception {
        Cid object = objects.keySet().iterator().next();
        KwamNode.FragmentStat victim = stat(nodes.get(0), object).stripes().get(0).fragments().get(2);
        // As if a disk were swapped under a node that kept its name: the census still says the file is there.
        Files.delete(fragmentFile(victim.node(), victim.cid()));

        // No read touches the object: the audit after a scrub pass must notice, and the JHMM rebuild it.
        awaitFullRedundancy();
        KwamNode.FragmentStat now = stat(nodes.get(1), object).stripes().get(0).fragments().get(2);
        assertEquals(victim.cid(), now.cid());
        assertTrue(Files.isRegularFile(fragmentFile(now.node(), now.cid())), "rebuilt on " + now.node());
        assertArrayEquals(objects.get(object), recover(nodes.get(1), object));
    }

    // --- full redundancy, checked on disk -----------------------------------------------------

    private void awaitFullRedundancy() throws InterruptedException {
        TestCluster.await(HEALED, "every stripe back at full redundancy on live nodes", () -> {
            try {
                assertFullRedundancyNow();
                return true;
            } catch (AssertionError | Exception e) {
                return false;
            }
        });
    }

    /** Every fragment ok, on a live node that has the file, and no two fragments of a stripe on one node. */
    private void assertFullRedundancyNow() throws Exception {
        for (Cid object : objects.keySet()) {
            for (RunningNode observer : List.of(nodes.get(0), nodes.get(2))) {
                for (KwamNode.StripeStat stripe : stat(observer, object).stripes()) {
                    Set<String> holders = new HashSet<>();
                    for (KwamNode.FragmentStat f : stripe.fragments()) {
                        assertEquals("ok", f.state(), f.toString());
                        assertFalse(gone.contains(f.node()), f.toString());
                        assertTrue(Files.isRegularFile(fragmentFile(f.node(), f.cid())), "on disk: " + f);
                        holders.add(f.node());
                    }
                    assertEquals(WIDTH, holders.size(), "distinct holders of stripe " + stripe.index() + " of " + object);
                }
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private Path fragmentFile(String node, Cid cid) {
        String hex = cid.hex();
        return cluster.dataOf(node).resolve("store/fragments").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private int fragmentsOn(String node) throws Exception {
        try (Stream<Path> files = Files.walk(cluster.dataOf(node).resolve("store/fragments"))) {
            return (int) files.filter(Files::isRegularFile).count();
        }
    }

    private long quarantined(String node) {
        try (Stream<Path> files = Files.list(cluster.dataOf(node).resolve("store/quarantine"))) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".why")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5A);
            raf.getFD().sync();
        }
    }

    private KwamNode.ObjectStat stat(RunningNode node, Cid object) throws Exception {
        return assertInstanceOf(KwamNode.ObjectStat.class, this.<KwamNode.StatReply>ask(node, r -> new KwamNode.Stat(object, r)));
    }

    private byte[] recover(RunningNode node, Cid object) throws Exception {
        return TestCluster.recover(node, object, ASK);
    }

    private <T> T ask(RunningNode node, org.apache.pekko.japi.function.Function<ActorRef<T>, KwamNode.Command> message) throws Exception {
        return TestCluster.ask(node, ASK, message);
    }
}
