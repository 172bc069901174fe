package dev.kwam.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.serialization.KwamKryoSerializer;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.up.RunningNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes in one JVM, each its own ActorSystem on its own loopback port, all with
 * certificates from one test CA, forming a cluster over Artery mutual TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterOverTlsTest {
    private static final Duration FORMATION = Duration.ofSeconds(90);
    private static final ServiceKey<Greeting> GREETER = ServiceKey.create(Greeting.class, "greeter");

    @TempDir
    static Path root;

    private CertificateAuthority ca;
    private TestCluster cluster;
    private final List<RunningNode> nodes = new ArrayList<>();
    private final List<LogRecord> tlsLog = new CopyOnWriteArrayList<>();
    /** Held so the JUL logger (and our handler on it) is not collected. */
    private final Logger trustManagerLog = Logger.getLogger("dev.kwam.actors.pki.SpiffeTrustManager");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            tlsLog.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void startThreeNodes() throws Exception {
        trustManagerLog.addHandler(capture);
        ca = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        cluster = new TestCluster(root, ca);
        TestCluster.Ports first = TestCluster.Ports.free();
        nodes.add(cluster.start("node-1", first, List.of(), Map.of("rack", "r1", "az", "a")));
        nodes.add(cluster.start("node-2", TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r2", "az", "a")));
        nodes.add(cluster.start("node-3", TestCluster.Ports.free(), List.of(first.control()), Map.of("rack", "r3", "az", "b")));
        for (RunningNode node : nodes) {
            TestCluster.await(FORMATION, node.settings().name() + " sees 3 Up members", () -> upMembers(node).size() == 3);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            trustManagerLog.removeHandler(capture);
        }
    }

    private static Set<String> upMembers(RunningNode node) {
        return StreamSupport.stream(Cluster.get(node.system()).state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up())
                .map(m -> m.address().toString()).collect(Collectors.toSet());
    }

    @Test
    void threeNodesOverTlsAllSeeTheSameThreeUpMembersWithTheirDomains() throws Exception {
        Set<String> expected = nodes.stream().map(n -> Cluster.get(n.system()).selfMember().address().toString())
                .collect(Collectors.toSet());
        assertEquals(3, expected.size());
        for (RunningNode node : nodes) {
            assertEquals(expected, upMembers(node), "membership as " + node.settings().name() + " sees it");
            assertEquals("tls-tcp", node.system().settings().config().getString("pekko.remote.artery.transport"));
        }
        Member third = StreamSupport.stream(Cluster.get(nodes.get(0).system()).state().getMembers().spliterator(), false)
                .filter(m -> m.address().equals(Cluster.get(nodes.get(2).system()).selfMember().address())).findFirst().orElseThrow();
        assertEquals(List.of(new DomainLabel("az", "b"), new DomainLabel("rack", "r3")), MembershipWatcher.domains(third));
        assertTrue(third.hasRole(ClusterConfig.NODE_ROLE));
        String members = cluster.get(nodes.get(1).settings().metricsPort(), "/members").body();
        assertTrue(members.contains("\"rack\":\"r3\""), members);
    }

    @Test
    void readinessIs200OnEveryMemberWithNoReasons() throws Exception {
        for (RunningNode node : nodes) {
            var ready = cluster.get(node.settings().metricsPort(), "/ready");
            assertEquals(200, ready.statusCode());
            assertEquals("{\"ready\":true,\"reasons\":[],\"authorization\":\"none (no policy)\",\"source\":\"LIVE\"}", ready.body());
            assertEquals(200, cluster.get(node.settings().metricsPort(), "/health").statusCode());
        }
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefusedLoggedAndNeverJoins() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create(TestCluster.TRUST_DOMAIN);
        Path strangerPki = TestCluster.issue(stranger, root, "intruder");
        int before = tlsLog.size();
        RunningNode intruder = cluster.start("intruder", strangerPki, TestCluster.Ports.free(),
                List.of(nodes.get(0).settings().controlPort()), Map.of());
        // Two refusals: the first join attempt and at least one retry were both turned away at the handshake.
        TestCluster.await(FORMATION, "two refused TLS handshakes logged", () -> refusals(before) >= 2);
        String reason = tlsLog.subList(before, tlsLog.size()).stream().map(r -> java.text.MessageFormat.format(r.getMessage(),
                r.getParameters())).filter(m -> m.contains("refused TLS")).findFirst().orElseThrow();
        assertTrue(reason.contains("PKIX") || reason.contains("trust") || reason.contains("certification path"), reason);
        for (RunningNode node : nodes) {
            assertEquals(3, upMembers(node).size(), node.settings().name() + " still has exactly the 3 trusted members");
        }
        assertFalse(upMembers(intruder).contains(Cluster.get(intruder.system()).selfMember().address().toString()));
        assertEquals(503, cluster.get(intruder.settings().metricsPort(), "/ready").statusCode());
    }

    private int refusals(int from) {
        return (int) tlsLog.subList(from, tlsLog.size()).stream().filter(r -> r.getMessage().startsWith("refused TLS")).count();
    }

    @Test
    void aKryoSerializedRecordCrossesNodesThroughTheReceptionist() throws Exception {
        RunningNode server = nodes.get(2);
        RunningNode client = nodes.get(0);
        String serverName = server.settings().name();
        ActorRef<Greeting> greeter = server.system().systemActorOf(Behaviors.receiveMessage((Greeting g) -> {
            g.replyTo().tell(new GreetingReply("hello, " + g.text(), g.numbers().stream().mapToInt(Integer::intValue).sum(), serverName));
            return Behaviors.same();
        }), "greeter", org.apache.pekko.actor.typed.Props.empty());
        server.system().receptionist().tell(Receptionist.register(GREETER, greeter));

        TestProbe<Receptionist.Listing> listings = TestProbe.create(client.system());
        client.system().receptionist().tell(Receptionist.subscribe(GREETER, listings.getRef()));
        ActorRef<Greeting> remote = listings.fishForMessage(Duration.ofSeconds(60), "the greeter's registration reaches node-1",
                listing -> listing.getServiceInstances(GREETER).isEmpty()
                        ? FishingOutcomes.continueAndIgnore() : FishingOutcomes.complete())
                .get(0).getServiceInstances(GREETER).iterator().next();
        assertFalse(remote.path().address().hasLocalScope(), "the greeter lives on another node");

        TestProbe<GreetingReply> replies = TestProbe.create(client.system());
        remote.tell(new Greeting("node-1", List.of(1, 2, 39), replies.getRef()));
        assertEquals(new GreetingReply("hello, node-1", 42, "node-3"), replies.expectMessageClass(GreetingReply.class, Duration.ofSeconds(30)));
        // Java serialization is off, so Kryo is the only way these records could have crossed.
        assertInstanceOf(KwamKryoSerializer.class, SerializationExtension.get(client.system()).findSerializerFor(
                new GreetingReply("x", 0, "y")));
        assertFalse(client.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"));
    }
}
