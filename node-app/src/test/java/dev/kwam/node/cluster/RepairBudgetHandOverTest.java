package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.jhmm.BudgetSource;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.jhmm.BudgetChange;
import dev.kwam.node.up.RunningNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time repair budget is the cluster's and outlives the JHMM's host: three real nodes in one JVM, no
 * policy (so the configured limits are {@code kwam.node.repair}'s: 4 stripes, unlimited bandwidth). The JHMM
 * runs on the oldest member, node-1. A budget set through node-2 is reported by node-3; node-1 leaves, the
 * singleton starts on the next-oldest node from scratch (a new supervisor, a new budget) and still reports the
 * adjusted limits and who set them, read back from Distributed Data. A reset returns every node to the
 * configured limits; a change over gRPC records the caller's SPIFFE ID and survives the next move too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepairBudgetHandOverTest {
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final Duration MOVED = Duration.ofSeconds(90);
    private static final RepairBudget.Limits CONFIGURED = new RepairBudget.Limits(4, 0);
    private static final String NO_POLICY = "kwam.node.repair (no policy)";

    @TempDir
    static Path root;

    private CertificateAuthority ca;
    private TestCluster cluster;
    private final List<RunningNode> nodes = new ArrayList<>();

    @BeforeAll
    void startThreeNodes() throws Exception {
        ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        TestCluster.Ports first = TestCluster.Ports.free();
        nodes.add(cluster.start("node-1", first, List.of(), Map.of("rack", "r1")));
        // node-1 is up before the others join, so it is the oldest member: the JHMM's first host.
        TestCluster.await(Duration.ofSeconds(60), "node-1 up", () -> membersUp(nodes.get(0)) == 1);
        for (int i = 2; i <= 3; i++) {
            nodes.add(cluster.start("node-" + i, TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r" + i)));
        }
        for (RunningNode node : nodes) {
            TestCluster.await(Duration.ofSeconds(120), node.settings().name() + " sees 3 members up", () -> membersUp(node) == 3);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aBudgetSetThroughOneNodeIsReportedByTheNextHostAfterTheJhmmMoves() throws Exception {
        RepairStatus before = awaitStatus(nodes.get(2), "the JHMM answers", s -> true);
        assertEquals(CONFIGURED, before.limits());
        assertEquals(NO_POLICY, before.budgetSource().describe());

        RepairBudget.Limits slower = new RepairBudget.Limits(2, 1L << 20);
        KwamNode.RepairReport set = assertInstanceOf(KwamNode.RepairReport.class,
                this.<KwamNode.RepairsReply>ask(nodes.get(1), r -> new KwamNode.AdjustRepairBudget(slower, r)));
        assertEquals(slower, set.status().limits());
        assertEquals(Optional.of(true), set.budgetReplicated(), "three members up: a majority stores it");
        BudgetSource.Override by = set.status().budgetSource().override().orElseThrow();
        assertEquals(BudgetChange.ACTOR_API, by.setBy());
        awaitStatus(nodes.get(2), "node-3 reports the adjusted limits", s -> s.limits().equals(slower));

        // node-1, the JHMM's host, leaves; the next-oldest node starts the singleton afresh.
        assertEquals("node-1", jhmmHost(nodes.get(1)));
        leave(0);
        RepairStatus moved = awaitStatus(nodes.get(2), "the JHMM on its new host reports the adjusted limits",
                s -> s.limits().equals(slower));
        String newHost = jhmmHost(nodes.get(1));
        assertTrue(newHost.equals("node-2") || newHost.equals("node-3"), newHost);
        assertEquals("override set by actor API at " + by.setAt(), moved.budgetSource().describe());
        assertEquals(CONFIGURED, moved.budgetSource().configured(), "what the override replaces, for a reset to return to");
        assertEquals(moved.budgetSource(), awaitStatus(nodes.get(1), "node-2 answers", s -> true).budgetSource());
    }

    @Test
    @Order(2)
    void aResetReturnsEveryNodeToTheConfiguredLimits() throws Exception {
        KwamNode.RepairReport reset = assertInstanceOf(KwamNode.RepairReport.class,
                this.<KwamNode.RepairsReply>ask(nodes.get(2), KwamNode.AdjustRepairBudget::reset));
        assertEquals(CONFIGURED, reset.status().limits());
        assertEquals(NO_POLICY, reset.status().budgetSource().describe());
        assertTrue(reset.budgetReplicated().isPresent());
        RepairStatus elsewhere = awaitStatus(nodes.get(1), "node-2 reports the configured limits", s -> s.limits().equals(CONFIGURED));
        assertEquals(NO_POLICY, elsewhere.budgetSource().describe());

        KwamNode.Failed refused = assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.RepairsReply>ask(nodes.get(1),
                r -> new KwamNode.AdjustRepairBudget(new BudgetChange(Optional.of(2), Optional.empty(), false, true, "test"), r)));
        assertEquals(KwamNode.ErrorCode.INVALID_ARGUMENT, refused.code());
        assertTrue(refused.message().contains("a reset cannot be combined with new limits"), refused.message());
    }

    @Test
    @Order(3)
    void aChangeOverGrpcRecordsTheCallersSpiffeIdAndSurvivesTheNextMove() throws Exception {
        // Of node-2 and node-3, one hosts the JHMM now: the change goes through the other, which then stays alone.
        String host = jhmmHost(nodes.get(1));
        int hostIndex = host.equals("node-2") ? 1 : 2;
        RunningNode survivor = nodes.get(hostIndex == 1 ? 2 : 1);
        Path ops = TestCluster.issue(ca, root, "ops");
        KwamNode.RepairReport set;
        try (KwamClient client = KwamClient.connect("127.0.0.1", survivor.dataAddress().getPort(), ops)) {
            set = client.adjustRepairBudget(Optional.empty(), Optional.of(8L << 20), false);
        }
        RepairBudget.Limits capped = new RepairBudget.Limits(4, 8L << 20);
        assertEquals(capped, set.status().limits(), "only the bandwidth changed");
        String spiffe = "spiffe://" + TestCluster.TRUST_DOMAIN + "/acme/cl-1/az1/pod-1/ops/kwamd";
        assertEquals(spiffe, set.status().budgetSource().override().orElseThrow().setBy());
        assertEquals(Optional.of(true), set.budgetReplicated(), "two members up: both store it");

        leave(hostIndex);
        RepairStatus alone = awaitStatus(survivor, survivor.settings().name() + ", alone, hosts the JHMM and reports the gRPC "
                + "caller's budget", s -> s.limits().equals(capped));
        assertEquals(survivor.settings().name(), jhmmHost(survivor));
        assertTrue(alone.budgetSource().describe().startsWith("override set by " + spiffe + " at "), alone.budgetSource().describe());
    }

    // --- helpers -------------------------------------------------------------------------------

    private void leave(int index) throws InterruptedException {
        RunningNode leaving = nodes.get(index);
        String name = leaving.settings().name();
        leaving.shutdown();
        TestCluster.await(MOVED, name + " completes its shutdown", leaving::shutdownCompleted);
        long left = nodes.stream().filter(n -> n != leaving && !n.shutdownCompleted()).count();
        for (RunningNode node : nodes) {
            if (!node.shutdownCompleted()) {
                TestCluster.await(MOVED, node.settings().name() + " sees " + name + " gone", () -> membersUp(node) == left
                        && !memberNames(node).contains(name));
            }
        }
    }

    private RepairStatus awaitStatus(RunningNode node, String what, java.util.function.Predicate<RepairStatus> condition)
            throws InterruptedException {
        AtomicReference<RepairStatus> seen = new AtomicReference<>();
        TestCluster.await(MOVED, what, () -> {
            try {
                KwamNode.RepairsReply reply = this.<KwamNode.RepairsReply>ask(node, KwamNode.Repairs::new);
                if (reply instanceof KwamNode.RepairReport r && condition.test(r.status())) {
                    seen.set(r.status());
                    return true;
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return seen.get();
    }

    /** Who hosts the JHMM as {@code observer} sees it: the oldest Up member with the JHMM role (ClusterSingleton's rule). */
    private static String jhmmHost(RunningNode observer) {
        return java.util.stream.StreamSupport.stream(org.apache.pekko.cluster.Cluster.get(observer.system().classicSystem()).state()
                        .getMembers().spliterator(), false)
                .filter(m -> m.status() == org.apache.pekko.cluster.MemberStatus.up() && m.hasRole(ClusterConfig.JHMM_ROLE))
                .reduce((a, b) -> a.isOlderThan(b) ? a : b).flatMap(ClusterConfig::nameOf).orElse("none");
    }

    private long membersUp(RunningNode node) {
        return TestCluster.upMembers(node, ASK);
    }

    private List<String> memberNames(RunningNode node) {
        try {
            KwamNode.ClusterState state = ask(node, KwamNode.ClusterStatus::new);
            return state.members().stream().filter(m -> !m.status().equals("gone")).map(KwamNode.MemberInfo::node).toList();
        } catch (Exception e) {
            return List.of("?");
        }
    }

    private <T> T ask(RunningNode node, org.apache.pekko.japi.function.Function<ActorRef<T>, KwamNode.Command> message) throws Exception {
        return TestCluster.ask(node, ASK, message);
    }
}
