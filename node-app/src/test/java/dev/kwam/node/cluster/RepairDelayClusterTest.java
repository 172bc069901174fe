package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.up.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kwam.node.repair.delay} through the real wiring: five nodes in one JVM with a 5-minute delay and a 2 s
 * census sweep; a node that leaves has its stripes listed {@code deferred} (nothing isolated, nothing rebuilt, the
 * sweeps notwithstanding), and when it comes back under its own name (JhmmHost: MemberUp, a fresh fleet view,
 * NodeReturned) the plan empties with no repair and the census still names it for every fragment it held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairDelayClusterTest {
    private static final Duration ASK = Duration.ofSeconds(60);
    private static final Optional<CodecSpec> RS_2_2 = Optional.of(new CodecSpec.ReedSolomonSpec(2, 2));
    private static final Map<String, Object> DELAYED = Map.of("kwam.node.repair.delay", "5m",
            "kwam.node.repair.sweep-interval", "2s");

    @TempDir
    static Path root;

    private TestCluster cluster;

    @AfterAll
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeBackWithinTheDelayIsNotRepairedAndKeepsItsFragments() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        Path rebootingPki = TestCluster.issue(ca, root, "node-5");
        TestCluster.Ports first = TestCluster.Ports.free();
        List<RunningNode> nodes = new ArrayList<>();
        nodes.add(cluster.start("node-1", first, List.of(), Map.of("rack", "r1"), DELAYED));
        for (int i = 2; i <= 4; i++) {
            nodes.add(cluster.start("node-" + i, TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r" + i),
                    DELAYED));
        }
        RunningNode rebooting = cluster.start("node-5", rebootingPki, TestCluster.Ports.free(), List.of(first.control()),
                Map.of("rack", "r5"), DELAYED);
        for (RunningNode node : nodes) {
            TestCluster.await(Duration.ofSeconds(120), node.settings().name() + " sees 5 members up", () -> upMembers(node) == 5);
        }
        RunningNode observer = nodes.get(1);
        List<Cid> objects = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(77);
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[300_000 + 100_000 * i];
            random.nextBytes(data);
            KwamNode.Protected p = assertInstanceOf(KwamNode.Protected.class, this.<KwamNode.ProtectReply>ask(observer,
                    r -> new KwamNode.Protect(Source.single(ByteString.fromArray(data)), RS_2_2, r)));
            objects.add(p.object());
        }
        Map<String, String> before = placements(observer, objects); // "object/stripe/index" -> node
        long held = before.values().stream().filter("node-5"::equals).count();
        assertTrue(held > 0, "node-5 holds fragments");

        rebooting.shutdown();
        TestCluster.await(Duration.ofSeconds(90), "node-5 shut down", rebooting::shutdownCompleted);
        RepairStatus waiting = awaitStatus(observer, "node-5's stripes are deferred",
                s -> !s.plan().stripes().isEmpty() && s.plan().stripes().stream().allMatch(RepairPlan.StripePlan::deferred));
        // Several 2 s sweeps pass while it is away; none may start a repair.
        RepairStatus stillWaiting = awaitStatus(observer, "the plan still waits after a sweep", s -> s.at().isAfter(
                waiting.at().plusSeconds(5)) && s.plan().stripes().stream().allMatch(RepairPlan.StripePlan::deferred));
        assertEquals(0, stillWaiting.repaired());
        assertTrue(stillWaiting.running().isEmpty());

        RunningNode back = cluster.start("node-5", rebootingPki, TestCluster.Ports.free(), List.of(first.control()),
                Map.of("rack", "r5"), DELAYED);
        TestCluster.await(Duration.ofSeconds(120), "node-5 is up again", () -> upMembers(observer) == 5);
        RepairStatus after = awaitStatus(observer, "the plan empties without a repair", s -> s.plan().stripes().isEmpty());

        assertEquals(0, after.repaired(), "nothing rebuilt on node-5's account");
        assertEquals(before, placements(observer, objects), "every fragment where it was, node-5's included");
        assertTrue(Files.isDirectory(cluster.dataOf(back.settings().name()).resolve("store/fragments")));
    }

    // --- helpers -------------------------------------------------------------------------------

    private Map<String, String> placements(RunningNode node, List<Cid> objects) throws Exception {
        Map<String, String> where = new HashMap<>();
        for (Cid object : objects) {
            KwamNode.ObjectStat stat = assertInstanceOf(KwamNode.ObjectStat.class,
                    this.<KwamNode.StatReply>ask(node, r -> new KwamNode.Stat(object, r)));
            for (KwamNode.StripeStat stripe : stat.stripes()) {
                for (KwamNode.FragmentStat f : stripe.fragments()) {
                    assertEquals("ok", f.state(), f.toString());
                    where.put(object + "/" + stripe.index() + "/" + f.index(), f.node());
                }
            }
        }
        return where;
    }

    private RepairStatus awaitStatus(RunningNode node, String what, java.util.function.Predicate<RepairStatus> done)
            throws InterruptedException {
        RepairStatus[] last = new RepairStatus[1];
        TestCluster.await(Duration.ofSeconds(120), what, () -> {
            try {
                if (this.<KwamNode.RepairsReply>ask(node, KwamNode.Repairs::new) instanceof KwamNode.RepairReport r
                        && done.test(r.status())) {
                    last[0] = r.status();
                    return true;
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    private long upMembers(RunningNode node) {
        return TestCluster.upMembers(node, ASK);
    }

    private <T> T ask(RunningNode node, org.apache.pekko.japi.function.Function<ActorRef<T>, KwamNode.Command> message) throws Exception {
        return TestCluster.ask(node, ASK, message);
    }
}
