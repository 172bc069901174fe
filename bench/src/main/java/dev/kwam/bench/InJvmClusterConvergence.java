package dev.kwam.bench;

import com.typesafe.config.ConfigFactory;
import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.NodeLauncher;
import dev.kwam.node.up.RunningNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Cluster convergence of N real nodes in one JVM (each its own ActorSystem, Artery over mutual
 * TLS, started through {@link NodeLauncher} exactly as {@code kwam up} does): the founder's time to
 * Up, then the time until every node sees all N members Up. Baseline in the same run: creating and
 * terminating a plain local ActorSystem.
 *
 * <pre>java -cp bench/target/kwam-bench.jar dev.kwam.bench.InJvmClusterConvergence 3 5 10</pre>
 */
public final class InJvmClusterConvergence {
    private InJvmClusterConvergence() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {3, 5, 10} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        long baseline = localActorSystemMillis();
        System.out.printf("baseline: local ActorSystem create+terminate = %d ms%n", baseline);
        for (int n : sizes) {
            Path root = Files.createTempDirectory("kwam-converge-");
            CertificateAuthority ca = CertificateAuthority.create("bench.test");
            List<RunningNode> nodes = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                int seed = freePort();
                nodes.add(start(root, ca, "node-1", seed, List.of()));
                awaitUp(nodes, 1);
                long founder = (System.nanoTime() - t0) / 1_000_000;
                long t1 = System.nanoTime();
                for (int i = 2; i <= n; i++) {
                    nodes.add(start(root, ca, "node-" + i, freePort(), List.of(seed)));
                }
                awaitUp(nodes, n);
                long converged = (System.nanoTime() - t1) / 1_000_000;
                System.out.printf("nodes=%d founder-up=%d ms (%.1fx baseline) converged=%d ms (%.1fx baseline)%n", n, founder,
                        (double) founder / baseline, converged, (double) converged / baseline);
            } finally {
                for (RunningNode node : nodes) {
                    node.shutdown();
                }
                for (RunningNode node : nodes) {
                    node.awaitTermination(Duration.ofSeconds(60));
                }
            }
        }
        System.exit(0);
    }

    private static RunningNode start(Path root, CertificateAuthority ca, String name, int control, List<Integer> seeds) throws Exception {
        Path pki = root.resolve("pki-" + name);
        ca.issue(SpiffeId.parse("spiffe://bench.test/acme/cl-1/az1/pod-1/" + name + "/kwamd")).write(pki);
        Map<String, Object> flags = new HashMap<>();
        flags.put("kwam.node.name", name);
        flags.put("kwam.node.data", root.resolve("data-" + name).toString());
        flags.put("kwam.node.pki", pki.toString());
        flags.put("kwam.node.control-port", control);
        flags.put("kwam.node.data-port", freePort());
        flags.put("kwam.node.metrics-port", freePort());
        flags.put("kwam.node.consensus.raft-port", freePort());
        flags.put("kwam.node.seeds", seeds.stream().map(p -> "127.0.0.1:" + p).toList());
        flags.put("kwam.node.domains", Map.of("rack", "r-" + name));
        flags.put("kwam.node.store.reserve", "0");
        flags.put("kwam.node.store.reserve-percent", 0);
        return NodeLauncher.start(NodeSettings.load(ConfigFactory.parseMap(flags), Optional.empty()),
                ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\npekko.loglevel = WARNING"));
    }

    private static void awaitUp(List<RunningNode> nodes, int expected) throws InterruptedException {
        while (!nodes.stream().allMatch(node -> upMembers(node.system()) == expected)) {
            Thread.sleep(10);
        }
    }

    private static long upMembers(ActorSystem<?> system) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up()).count();
    }

    private static long localActorSystemMillis() {
        long t0 = System.nanoTime();
        ActorSystem<Void> local = ActorSystem.create(Behaviors.empty(), "baseline",
                ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
        local.terminate();
        local.getWhenTerminated().toCompletableFuture().join();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new IOException("no free loopback port in 20000-32000 after 200 tries");
    }
}
