package dev.kwam.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.NodeLauncher;
import dev.kwam.node.up.RunningNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Real nodes in one JVM, started through the same {@link NodeLauncher} as {@code kwam up}, with
 * certificates from a test CA. Nodes are stopped by {@link #close()} even when a test fails.
 */
final class TestCluster implements AutoCloseable {
    static final String TRUST_DOMAIN = "kwam.test";
    /** Short, so a downed node is resolved within a test; production default is 20 s. */
    static final String STABLE_AFTER = "3s";

    private final Path root;
    private final CertificateAuthority ca;
    private final List<RunningNode> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestCluster(Path root, CertificateAuthority ca) {
        this.root = root;
        this.ca = ca;
    }

    record Ports(int control, int data, int metrics, int raft) {
        static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    static int freePort() {
        return dev.kwam.node.testing.FreePorts.loopback();
    }

    /** A PKI directory for {@code name}, issued by {@code issuer}. */
    static Path issue(CertificateAuthority issuer, Path root, String name) throws Exception {
        NodeCertificate cert = issuer.issue(SpiffeId.parse("spiffe://" + issuer.trustDomain() + "/acme/cl-1/az1/pod-1/" + name + "/kwamd"));
        Path dir = root.resolve("pki-" + name + "-" + Integer.toHexString(System.identityHashCode(issuer)));
        cert.write(dir);
        return dir;
    }

    RunningNode start(String name, Ports ports, List<Integer> seedPorts, Map<String, String> domains) throws Exception {
        return start(name, issue(ca, root, name), ports, seedPorts, domains);
    }

    RunningNode start(String name, Path pki, Ports ports, List<Integer> seedPorts, Map<String, String> domains) throws Exception {
        return start(name, pki, ports, seedPorts, domains, Map.of());
    }

    /** As above, with further {@code kwam.node.*} settings ({@code extra} wins). */
    RunningNode start(String name, Ports ports, List<Integer> seedPorts, Map<String, String> domains, Map<String, Object> extra)
            throws Exception {
        return start(name, issue(ca, root, name), ports, seedPorts, domains, extra);
    }

    RunningNode start(String name, Path pki, Ports ports, List<Integer> seedPorts, Map<String, String> domains,
            Map<String, Object> extra) throws Exception {
        Map<String, Object> flags = new HashMap<>();
        flags.put("kwam.node.name", name);
        flags.put("kwam.node.data", root.resolve("data-" + name).toString());
        flags.put("kwam.node.pki", pki.toString());
        flags.put("kwam.node.control-port", ports.control());
        flags.put("kwam.node.data-port", ports.data());
        flags.put("kwam.node.metrics-port", ports.metrics());
        flags.put("kwam.node.consensus.raft-port", ports.raft());
        flags.put("kwam.node.seeds", seedPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        flags.put("kwam.node.domains", domains);
        flags.put("kwam.node.cluster.stable-after", STABLE_AFTER);
        flags.put("kwam.node.store.reserve", "0");
        flags.put("kwam.node.store.reserve-percent", 0);
        flags.putAll(extra);
        NodeSettings settings = NodeSettings.load(ConfigFactory.parseMap(flags), java.util.Optional.empty());
        RunningNode node = NodeLauncher.start(settings, testOverrides());
        nodes.add(node);
        return node;
    }

    /** The test messages' Kryo ids, and fast cluster timings for loopback. */
    static Config testOverrides() {
        return ConfigFactory.parseString("""
                kwam.serialization.kryo.registrations {
                  "dev.kwam.node.cluster.Greeting" = 1998
                  "dev.kwam.node.cluster.GreetingReply" = 1999
                }
                pekko.cluster.seed-node-timeout = 2s
                pekko.cluster.retry-unsuccessful-join-after = 2s
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """);
    }

    /** {@code GET /ready} (or another path) on a node's metrics port: status and body. */
    HttpResponse<String> get(int metricsPort, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; the deadline is generous, the poll short. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Starts node-1 … node-{@code count}, node-i on rack ri, all seeded by node-1, with {@code extra} config, and
     * waits (up to 120 s) until each sees every one Up and reachable.
     */
    List<RunningNode> startOnRacks(int count, Map<String, Object> extra, Duration ask) throws Exception {
        List<RunningNode> started = new ArrayList<>();
        Ports first = Ports.free();
        started.add(start("node-1", first, List.of(), Map.of("rack", "r1"), extra));
        for (int i = 2; i <= count; i++) {
            started.add(start("node-" + i, Ports.free(), List.of(first.control()), Map.of("rack", "r" + i), extra));
        }
        for (RunningNode node : started) {
            await(Duration.ofSeconds(120), node.settings().name() + " sees " + count + " members up",
                    () -> upMembers(node, ask) == count);
        }
        return started;
    }

    /** Asks {@code node}'s KwamNode actor, waiting up to {@code timeout} (and a little more for the reply). */
    static <T> T ask(RunningNode node, Duration timeout,
            org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<T>, dev.kwam.node.api.KwamNode.Command> message)
            throws Exception {
        java.util.concurrent.CompletionStage<T> reply = org.apache.pekko.actor.typed.javadsl.AskPattern.ask(node.kwamNode(), message,
                timeout, node.system().scheduler());
        return reply.toCompletableFuture().get(timeout.toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Members {@code node} sees Up and reachable; -1 while it does not answer (for polling with {@link #await}). */
    static long upMembers(RunningNode node, Duration timeout) {
        try {
            dev.kwam.node.api.KwamNode.ClusterState state = ask(node, timeout, dev.kwam.node.api.KwamNode.ClusterStatus::new);
            return state.members().stream().filter(m -> m.status().equals("up") && m.reachable()).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The object's bytes as {@code node} recovers them; fails the test when it answers anything but a stream. */
    static byte[] recover(RunningNode node, dev.kwam.codec.Cid object, Duration timeout) throws Exception {
        dev.kwam.node.api.KwamNode.RecoverReply reply = ask(node, timeout, r -> new dev.kwam.node.api.KwamNode.Recover(object, r));
        dev.kwam.node.api.KwamNode.Recovering recovering = org.junit.jupiter.api.Assertions.assertInstanceOf(
                dev.kwam.node.api.KwamNode.Recovering.class, reply, String.valueOf(reply));
        org.apache.pekko.util.ByteString all = recovering.bytes().runWith(
                org.apache.pekko.stream.javadsl.Sink.fold(org.apache.pekko.util.ByteString.emptyByteString(),
                        org.apache.pekko.util.ByteString::concat),
                org.apache.pekko.stream.Materializer.matFromSystem(node.system()))
                .toCompletableFuture().get(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return all.toArray();
    }

    /** The data directory of node {@code name}. */
    Path dataOf(String name) {
        return root.resolve("data-" + name);
    }

    @Override
    public void close() throws InterruptedException {
        for (RunningNode node : nodes) {
            node.shutdown();
        }
        for (RunningNode node : nodes) {
            // Every phase ran: the node left the cluster and closed its store. That is the contract; the
            // ActorSystem itself may linger while Artery flushes to peers that stopped at the same moment.
            await(Duration.ofSeconds(90), "node " + node.settings().name() + " completes its shutdown", node::shutdownCompleted);
        }
        for (RunningNode node : nodes) {
            if (!node.awaitTermination(Duration.ofSeconds(30))) {
                System.err.println("node " + node.settings().name() + ": shutdown completed, ActorSystem still flushing after 30 s");
            }
        }
    }
}
