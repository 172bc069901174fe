package dev.kwam.node.examples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.codec.CodecSpec;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.api.KwamNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * docs/integrators.md, "Embedded: KwamNode": two nodes embedded in one JVM, each in its own
 * ActorSystem, protecting through one and recovering through the other. Two, because a node never
 * acknowledges a write that one more loss would make unrecoverable: the write quorum is k+1
 * fragments on distinct nodes, so even rs(1,1) needs two live nodes. {@code EmbeddedNodesExampleTest} runs it.
 */
public final class EmbeddedNodesExample {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedNodesExample() {
    }

    /** Runs the example under {@code dir} on the six given loopback ports; returns the recovered text. */
    public static String run(Path dir, int[] ports) throws Exception {
        // One CA for the fleet: nodes trust each other's certificates, and nothing else.
        CertificateAuthority ca = CertificateAuthority.create("example.org");
        for (String name : List.of("alpha", "beta")) {
            ca.issue(SpiffeId.parse("spiffe://example.org/acme/cl-1/az1/pod-1/" + name + "/kwamd")).write(dir.resolve("pki-" + name));
        }
        Config alpha = nodeConfig(dir, "alpha", ports[0], ports[1], ports[2], ports[0], "r1");
        Config beta = nodeConfig(dir, "beta", ports[3], ports[4], ports[5], ports[0], "r2");

        // The system's config comes from the node's settings: cluster, mutual-TLS transport, member roles.
        ActorSystem<Void> systemA = ActorSystem.create(Behaviors.empty(), "kwam", KwamNode.systemConfig(alpha));
        ActorSystem<Void> systemB = ActorSystem.create(Behaviors.empty(), "kwam", KwamNode.systemConfig(beta));
        try {
            ActorRef<KwamNode.Command> a = KwamNode.start(systemA, alpha);
            ActorRef<KwamNode.Command> b = KwamNode.start(systemB, beta);
            awaitMembersUp(systemA, a, 2);

            byte[] text = "hello, erasure-coded world".getBytes(StandardCharsets.UTF_8);
            KwamNode.ProtectReply protect = AskPattern.<KwamNode.Command, KwamNode.ProtectReply>ask(a,
                    replyTo -> new KwamNode.Protect(Source.single(ByteString.fromArray(text)),
                            Optional.of(new CodecSpec.ReedSolomonSpec(1, 1)), replyTo),
                    TIMEOUT, systemA.scheduler()).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!(protect instanceof KwamNode.Protected done)) {
                throw new IllegalStateException("protect refused: " + protect);
            }

            KwamNode.RecoverReply recover = AskPattern.<KwamNode.Command, KwamNode.RecoverReply>ask(b,
                    replyTo -> new KwamNode.Recover(done.object(), replyTo), TIMEOUT, systemB.scheduler())
                    .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!(recover instanceof KwamNode.Recovering bytes)) {
                throw new IllegalStateException("recover refused: " + recover);
            }
            // The stream fails rather than completes if any byte cannot be verified: keep output provisional until it completes.
            ByteString all = bytes.bytes().runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat),
                    Materializer.matFromSystem(systemB)).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return all.utf8String();
        } finally {
            systemB.terminate();
            systemA.terminate();
        }
    }

    private static Config nodeConfig(Path dir, String name, int control, int data, int metrics, int seed, String rack) {
        return ConfigFactory.parseMap(Map.of(
                "kwam.node.name", name,
                "kwam.node.data", dir.resolve("data-" + name).toString(),
                "kwam.node.pki", dir.resolve("pki-" + name).toString(),
                "kwam.node.control-port", control,
                "kwam.node.data-port", data,
                "kwam.node.metrics-port", metrics,
                "kwam.node.consensus.raft-port", dev.kwam.node.testing.FreePorts.loopback(),
                "kwam.node.seeds", control == seed ? List.of() : List.of("127.0.0.1:" + seed),
                "kwam.node.domains", Map.of("rack", rack),
                "kwam.node.store.reserve", "0"));
    }

    /** A node takes writes once enough members are Up and registered: ask ClusterStatus until they are. */
    private static void awaitMembersUp(ActorSystem<?> system, ActorRef<KwamNode.Command> node, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            KwamNode.ClusterState state = AskPattern.<KwamNode.Command, KwamNode.ClusterState>ask(node, KwamNode.ClusterStatus::new,
                    TIMEOUT, system.scheduler()).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (state.members().stream().filter(m -> m.status().equals("up") && m.reachable() && !m.dataEndpoint().isEmpty())
                    .count() >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(count + " members did not come up");
    }
}
