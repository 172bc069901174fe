package dev.kwam.bench;

import dev.kwam.placement.ModeledFleet;
import dev.kwam.placement.Node;
import dev.kwam.placement.Placement;
import dev.kwam.placement.Placer;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placements per second of an RS(10,4) stripe (14 fragments, {@code anti_affinity [rack, pdu, spine,
 * az]}) on modeled fleets of about 1,000, 10,000 and 100,000 nodes, beside two baselines in the same
 * run: the SHA-256 that derives a stripe id (a floor no placement goes below), and flat rendezvous
 * hashing — scoring every node with the same mix and keeping the top 14, with no fault domains at
 * all — which is what the hierarchical walk avoids.
 *
 * <p>Fleets: 4×4×4×4×4 = 1,024 nodes; 8 azs × 8 spines × 4 pdus × 5 racks × 8 nodes = 10,240;
 * 8 × 16 × 8 × 10 × 10 = 102,400. The topology index is built in setup (see {@link #indexFleet}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PlacerBench {
    private static final int WIDTH = 14;
    private static final int STRIPES = 4096;

    @Param({"1000", "10000", "100000"})
    int nodes;

    private Topology fleet;
    private List<Node> members;
    private StripeId[] stripes;
    private byte[][] names;
    private long[] nodeHashes;
    private MessageDigest sha;
    private int next;

    @Setup
    public void setUp() throws Exception {
        fleet = fleet(nodes);
        members = fleet.nodes();
        stripes = new StripeId[STRIPES];
        names = new byte[STRIPES][];
        for (int i = 0; i < STRIPES; i++) {
            names[i] = ("stripe-" + i).getBytes(StandardCharsets.US_ASCII);
            stripes[i] = StripeId.ofName(names[i]);
        }
        sha = MessageDigest.getInstance("SHA-256");
        nodeHashes = new long[members.size()];
        for (int i = 0; i < nodeHashes.length; i++) {
            nodeHashes[i] = ByteBuffer.wrap(sha.digest(members.get(i).id().value().getBytes(StandardCharsets.UTF_8))).getLong();
        }
        Placer.place(stripes[0], WIDTH, ModeledFleet.LEVELS, fleet); // builds the index outside the measurement
    }

    static Topology fleet(int nodes) {
        switch (nodes) {
            case 1000:
                return ModeledFleet.uniform(4, 4, 4, 4, 4);
            case 10000:
                return ModeledFleet.uniform(8, 8, 4, 5, 8);
            case 100000:
                return ModeledFleet.uniform(8, 16, 8, 10, 10);
            default:
                throw new IllegalArgumentException("no modeled fleet of " + nodes + " nodes");
        }
    }

    @Benchmark
    public Placement place() {
        return Placer.place(stripes[next++ & (STRIPES - 1)], WIDTH, ModeledFleet.LEVELS, fleet);
    }

    /** Baseline: SHA-256 of a stripe name, as {@code StripeId.ofName} computes once per stripe. */
    @Benchmark
    public byte[] sha256OfStripeNameBaseline() {
        return sha.digest(names[next++ & (STRIPES - 1)]);
    }

    /** Baseline: flat rendezvous over every node (one mix per node and fragment-agnostic), top 14 kept. */
    @Benchmark
    public int[] flatRendezvousBaseline() {
        StripeId stripe = stripes[next++ & (STRIPES - 1)];
        int[] top = new int[WIDTH];
        long[] topScore = new long[WIDTH];
        int filled = 0;
        for (int i = 0; i < nodeHashes.length; i++) {
            long s = mix(mix(nodeHashes[i] ^ stripe.k0()) ^ stripe.k1());
            if (filled < WIDTH || Long.compareUnsigned(s, topScore[WIDTH - 1]) > 0) {
                int at = Math.min(filled, WIDTH - 1);
                while (at > 0 && Long.compareUnsigned(s, topScore[at - 1]) > 0) {
                    topScore[at] = topScore[at - 1];
                    top[at] = top[at - 1];
                    at--;
                }
                topScore[at] = s;
                top[at] = i;
                filled = Math.min(filled + 1, WIDTH);
            }
        }
        return top;
    }

    /** Rebuilding the snapshot and its index after a membership change (one shot per iteration). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Placement indexFleet() {
        return Placer.place(stripes[0], WIDTH, ModeledFleet.LEVELS, Topology.of(members));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
