package dev.kwam.placement.census;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.Cid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Census convergence time: a RecordFragments on node 0 until every node's local replica holds it,
 * for clusters of 3, 5 and 10 actor systems in this JVM (Artery TCP on loopback), with Distributed
 * Data's default settings (gossip every 2 s, deltas propagated more often). Each node's replica is
 * polled with ReadLocal every 2 ms: the census's own lookup would retry at ReadMajority and hide
 * how far gossip has got. Not a test: run it by hand (docs/benchmarks.md).
 */
public final class CensusConvergenceBench {
    private static final int ROUNDS = 30;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {3, 5, 10} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Config config = ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.loglevel = WARNING
                """).withFallback(ConfigFactory.load());
        for (int size : sizes) {
            try (CensusCluster cluster = new CensusCluster(size, Duration.ofSeconds(120), config)) {
                run(cluster);
            }
        }
    }

    private static void run(CensusCluster cluster) throws Exception {
        int n = cluster.size();
        // Warm-up: a few writes so connections, serializers and JIT are in place.
        for (int i = 0; i < 5; i++) {
            round(cluster, CensusFixtures.cid("warm-" + n + "-" + i));
        }
        long[] ack = new long[ROUNDS];
        long[] all = new long[ROUNDS];
        int replicated = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long[] t = round(cluster, CensusFixtures.cid("bench-" + n + "-" + r));
            ack[r] = t[0];
            all[r] = t[1];
            replicated += (int) t[2];
            Thread.sleep(50);
        }
        System.out.printf("%2d nodes: WriteMajority ack %s; visible on all %d replicas %s (%d/%d acks replicated)%n",
                n, stats(ack), n, stats(all), replicated, ROUNDS);
    }

    /** {ack millis, visible-everywhere millis, 1 if replicated}. */
    private static long[] round(CensusCluster cluster, Cid stripe) throws Exception {
        TestProbe<Census.Recorded> probe = cluster.kit(0).createTestProbe();
        long start = System.nanoTime();
        cluster.census(0).tell(new Census.RecordFragments(stripe, 10, 4, CensusFixtures.slots(14, "n0"), probe.getRef()));
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            waiting.add(i);
        }
        long ackAt = -1;
        boolean replicated = false;
        while (!waiting.isEmpty()) {
            if (ackAt < 0) {
                Census.Recorded rec = probe.getRef() == null ? null : pollRecorded(probe);
                if (rec != null) {
                    ackAt = System.nanoTime();
                    replicated = rec.replicated();
                }
            }
            waiting.removeIf(i -> holds(cluster, i, stripe));
            if (!waiting.isEmpty()) {
                Thread.sleep(2);
            }
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException("no convergence within 60 s; still waiting for nodes " + waiting);
            }
        }
        long doneAt = System.nanoTime();
        if (ackAt < 0) {
            replicated = probe.receiveMessage(Duration.ofSeconds(10)).replicated();
            ackAt = System.nanoTime();
        }
        return new long[] {TimeUnit.NANOSECONDS.toMicros(ackAt - start), TimeUnit.NANOSECONDS.toMicros(doneAt - start),
                replicated ? 1 : 0};
    }

    private static Census.Recorded pollRecorded(TestProbe<Census.Recorded> probe) {
        try {
            return probe.receiveMessage(Duration.ofMillis(1));
        } catch (AssertionError timeout) {
            return null;
        }
    }

    private static boolean holds(CensusCluster cluster, int node, Cid stripe) {
        var system = cluster.kit(node).system();
        ActorRef<Replicator.Command> replicator = DistributedData.get(system).replicator();
        Key<StripeShard> key = CensusKeys.stripeKey(CensusKeys.stripeShard(stripe));
        try {
            Replicator.GetResponse<StripeShard> r = AskPattern.<Replicator.Command, Replicator.GetResponse<StripeShard>>ask(
                    replicator, replyTo -> new Replicator.Get<>(key, Replicator.readLocal(), replyTo), Duration.ofSeconds(5),
                    system.scheduler()).toCompletableFuture().get();
            return r instanceof Replicator.GetSuccess<StripeShard> s && s.dataValue().lookup(stripe).isPresent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stats(long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        return String.format("median %.1f ms, p90 %.1f ms, max %.1f ms", s[s.length / 2] / 1000.0,
                s[(int) (s.length * 0.9)] / 1000.0, s[s.length - 1] / 1000.0);
    }
}
