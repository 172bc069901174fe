package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.up.RunningNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Five real nodes in one JVM (one ActorSystem, data port and store each, one rack each), driven
 * through {@link KwamNode}'s protocol: protect through one node, recover byte-identical through
 * another, lose nodes and recover degraded, lose more than m and be refused with the missing
 * fragments named. rs(3,2): write quorum 4, any 3 of 5 fragments rebuild a stripe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusteredProtectRecoverTest {
    private static final Duration ASK = Duration.ofSeconds(120);
    private static final Optional<CodecSpec> RS_3_2 = Optional.of(new CodecSpec.ReedSolomonSpec(3, 2));

    @TempDir
    static Path root;

    private TestCluster cluster;
    private final List<RunningNode> nodes = new ArrayList<>();
    private final byte[] data = new byte[5 << 20];
    private KwamNode.Protected protectedObject;

    @BeforeAll
    void startFiveNodes() throws Exception {
        cluster = new TestCluster(root, CertificateAuthority.create(TestCluster.TRUST_DOMAIN));
        TestCluster.Ports first = TestCluster.Ports.free();
        nodes.add(cluster.start("node-1", first, List.of(), Map.of("rack", "r1")));
        for (int i = 2; i <= 5; i++) {
            nodes.add(cluster.start("node-" + i, TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r" + i)));
        }
        for (RunningNode node : nodes) {
            TestCluster.await(Duration.ofSeconds(120), node.settings().name() + " ready (Up and registered)",
                    () -> ready(node));
        }
        // Ready is each node's own view; the writer must also see all five Up (and reachable) to place on all five.
        for (RunningNode node : nodes) {
            awaitMembers(node, 5);
        }
        new SplittableRandom(2026).nextBytes(data);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void protectsThroughOneNodeAndRecoversByteIdenticalThroughAnother() throws Exception {
        TestProbe<KwamNode.NodeEvent> events = TestProbe.create(nodes.get(0).system());
        nodes.get(0).kwamNode().tell(new KwamNode.Subscribe(events.getRef()));
        KwamNode.ProtectReply reply = protect(nodes.get(0), Source.from(chunks(data, 100_000)), RS_3_2);
        protectedObject = assertInstanceOf(KwamNode.Protected.class, reply, String.valueOf(reply));
        assertEquals(data.length, protectedObject.size());
        assertEquals(Cid.of(data), protectedObject.contentCid());
        assertEquals(4, protectedObject.writeQuorum(), "k+1");
        assertEquals(0, protectedObject.unplacedFragments(), "five live nodes take all five fragments of each stripe");
        assertEquals(protectedObject.object(), Cid.of(protectedObject.manifest()));

        KwamNode.ObjectStat stat = assertInstanceOf(KwamNode.ObjectStat.class, this.<KwamNode.StatReply>ask(nodes.get(1), r -> new KwamNode.Stat(protectedObject.object(), r)));
        for (KwamNode.StripeStat stripe : stat.stripes()) {
            Set<String> holders = new HashSet<>();
            stripe.fragments().forEach(f -> {
                assertEquals("ok", f.state(), f.toString());
                holders.add(f.node());
            });
            assertEquals(5, holders.size(), "distinct nodes for stripe " + stripe.index());
        }
        assertEquals(protectedObject.object(), assertInstanceOf(KwamNode.ObjectProtected.class,
                events.receiveMessage(Duration.ofSeconds(30))).object().cid());

        assertArrayEquals(data, recover(nodes.get(2), protectedObject.object()));
        assertArrayEquals(data, recover(nodes.get(4), protectedObject.object()));
    }

    @Test
    @Order(2)
    void hostileAndMalformedRequestsAreRefusedCleanly() throws Exception {
        RunningNode n = nodes.get(1);
        KwamNode.Failed unknown = assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.RecoverReply>ask(n, r -> new KwamNode.Recover(Cid.of(new byte[] {42}), r)));
        assertEquals(KwamNode.ErrorCode.NOT_FOUND, unknown.code(), unknown.message());
        assertEquals(KwamNode.ErrorCode.INVALID_ARGUMENT,
                assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.RecoverReply>ask(n, r -> new KwamNode.Recover(null, r))).code());
        assertEquals(KwamNode.ErrorCode.NOT_FOUND,
                assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.StatReply>ask(n, r -> new KwamNode.Stat(Cid.of(new byte[] {43}), r))).code());
        // A manifest's cid is not a fragment's: asking for a fragment as an object finds no manifest.
        Cid aFragment = ((KwamNode.ObjectStat) this.<KwamNode.StatReply>ask(n, r -> new KwamNode.Stat(protectedObject.object(), r))).stripes().get(0)
                .fragments().get(0).cid();
        assertEquals(KwamNode.ErrorCode.NOT_FOUND,
                assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.RecoverReply>ask(n, r -> new KwamNode.Recover(aFragment, r))).code());

        KwamNode.Failed tooWide = assertInstanceOf(KwamNode.Failed.class,
                protect(n, Source.single(ByteString.fromString("x")), Optional.of(new CodecSpec.ReedSolomonSpec(10, 4))));
        assertEquals(KwamNode.ErrorCode.NOT_ENOUGH_NODES, tooWide.code());
        assertTrue(tooWide.message().contains("5 node(s) are up") && tooWide.message().contains("needs 11"), tooWide.message());

        int objectsBefore = askList(n, 10_000).objects().size();
        Source<ByteString, ?> failing = Source.from(chunks(data, 64 << 10)).take(20)
                .concat(Source.failed(new IllegalStateException("the client's disk died")));
        KwamNode.Failed broken = assertInstanceOf(KwamNode.Failed.class, protect(n, failing, RS_3_2));
        assertEquals(KwamNode.ErrorCode.INVALID_ARGUMENT, broken.code());
        assertTrue(broken.message().contains("disk died"), broken.message());
        assertEquals(objectsBefore, askList(n, 10_000).objects().size(), "nothing was recorded as an object");

        KwamNode.Protected empty = assertInstanceOf(KwamNode.Protected.class, protect(n, Source.empty(), RS_3_2));
        assertEquals(0, empty.size());
        assertArrayEquals(new byte[0], recover(nodes.get(3), empty.object()));

        KwamNode.ObjectList all = askList(n, Integer.MAX_VALUE);
        assertTrue(all.objects().stream().anyMatch(o -> o.cid().equals(protectedObject.object())));
        assertEquals(List.of(), askList(n, -5).objects());
        KwamNode.ObjectList first = askList(n, 1);
        KwamNode.ObjectList second = ask(n, r -> new KwamNode.ListObjects(10_000, java.util.Optional.of(first.objects().get(0).cid()), r));
        List<KwamNode.ObjectInfo> paged = new java.util.ArrayList<>(first.objects());
        paged.addAll(second.objects());
        assertEquals(all.objects(), paged, "a page of one, then the rest after its cid, is the whole listing");

        KwamNode.ClusterState state = ask(n, KwamNode.ClusterStatus::new);
        assertEquals("node-2", state.self());
        assertEquals(5, state.members().size());
        state.members().forEach(m -> {
            assertEquals("up", m.status(), m.toString());
            assertFalse(m.dataEndpoint().isEmpty());
            assertTrue(m.spiffeId().startsWith("spiffe://"), m.spiffeId());
        });
    }

    @Test
    @Order(3)
    void recoversDegradedWithMNodesGoneAndRefusesBeyondThat() throws Exception {
        Cid object = protectedObject.object();
        // node-1 wrote the object and holds a manifest copy; lose two others, then a third.
        stop(nodes.get(3));
        stop(nodes.get(4));
        awaitMembers(nodes.get(1), 3);
        assertArrayEquals(data, recover(nodes.get(1), object), "any 3 of 5 fragments rebuild each stripe");
        assertArrayEquals(data, recover(nodes.get(0), object));

        stop(nodes.get(2));
        awaitMembers(nodes.get(1), 2);
        KwamNode.Failed gone = assertInstanceOf(KwamNode.Failed.class, this.<KwamNode.RecoverReply>ask(nodes.get(1), r -> new KwamNode.Recover(object, r)));
        assertEquals(KwamNode.ErrorCode.UNRECOVERABLE, gone.code(), gone.message());
        assertTrue(gone.details().stream().anyMatch(d -> d.contains("is not a live member")), String.valueOf(gone.details()));
        KwamNode.ObjectStat stat = assertInstanceOf(KwamNode.ObjectStat.class, this.<KwamNode.StatReply>ask(nodes.get(1), r -> new KwamNode.Stat(object, r)));
        assertEquals(3, stat.stripes().get(0).fragments().stream().filter(f -> f.state().equals("missing")).count());
        KwamNode.Failed quorum = assertInstanceOf(KwamNode.Failed.class, protect(nodes.get(1), Source.single(ByteString.fromString("y")), RS_3_2));
        assertEquals(KwamNode.ErrorCode.NOT_ENOUGH_NODES, quorum.code());
        assertTrue(quorum.message().contains("2 node(s) are up"), quorum.message());
    }

    // --- helpers -------------------------------------------------------------------------------

    private boolean ready(RunningNode node) {
        try {
            return cluster.get(node.settings().metricsPort(), "/ready").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private void stop(RunningNode node) throws InterruptedException {
        node.shutdown();
        // Left the cluster and closed its store; Artery's last flush may keep the ActorSystem a little longer.
        TestCluster.await(Duration.ofSeconds(90), node.settings().name() + " shut down", node::shutdownCompleted);
    }

    private void awaitMembers(RunningNode observer, int up) throws InterruptedException {
        TestCluster.await(Duration.ofSeconds(60), up + " members up as " + observer.settings().name() + " sees it", () -> {
            try {
                KwamNode.ClusterState state = ask(observer, KwamNode.ClusterStatus::new);
                return state.members().stream().filter(m -> m.status().equals("up") && m.reachable()).count() == up;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private KwamNode.ProtectReply protect(RunningNode node, Source<ByteString, ?> source, Optional<CodecSpec> codec) throws Exception {
        return ask(node, r -> new KwamNode.Protect(source, codec, r));
    }

    private KwamNode.ObjectList askList(RunningNode node, int limit) throws Exception {
        return ask(node, r -> new KwamNode.ListObjects(limit, r));
    }

    private byte[] recover(RunningNode node, Cid object) throws Exception {
        return TestCluster.recover(node, object, ASK);
    }

    private <T> T ask(RunningNode node, org.apache.pekko.japi.function.Function<ActorRef<T>, KwamNode.Command> message) throws Exception {
        return TestCluster.ask(node, ASK, message);
    }

    private static List<ByteString> chunks(byte[] bytes, int size) {
        List<ByteString> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            out.add(ByteString.fromArray(bytes, at, Math.min(size, bytes.length - at)));
        }
        return out;
    }
}
