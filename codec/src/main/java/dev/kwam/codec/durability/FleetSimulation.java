package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of a whole fleet (MODELED): {@code nodes} nodes in racks of {@code nodesPerRack}, node
 * failures at the node MTBF (each node down for the MTTR: detection plus the rebuild of what it held), rack failures at
 * the domain MTBF (every node of the rack out for the recovery time), and {@code stripes} stripes of one codec, each
 * with its {@code k+m} fragments on {@code k+m} distinct racks, one node in each, uniformly. A stripe is lost while more
 * than {@code m} of its fragments are out; every entry into that state is counted, as the closed form counts them.
 *
 * <p>Stripes are not simulated one by one: 10<sup>8</sup> of them would not fit in memory. At each failure the number
 * of stripes it takes from {@code m} fragments out to {@code m+1} is computed exactly in expectation: the stripes with
 * a fragment on what failed ({@code S·n/N} for a node), times the probability that exactly {@code m} of their other
 * {@code n-1} fragments are out, over a uniform choice of the other racks, given which racks are down and how many
 * nodes are down in each. Only the racks with something out enter that sum (a handful at any time), so an event costs
 * microseconds and a year of 100,000 nodes a fraction of a second. The expected counts add up to an unbiased
 * estimate of the fleet's expected losses; the spread comes from the failures, and the confidence interval from
 * batch means over equal slices of the simulated time.
 *
 * <p>Seeded and deterministic. Not modeled: placement crowding (the placer keeps one fragment per rack while racks
 * last), repairs slowed by a budget (the MTTR stands for the repair), levels above the rack.
 */
public final class FleetSimulation {
    static final int BATCHES = 20;

    /**
     * @param nodes        nodes in the fleet
     * @param nodesPerRack nodes per rack (the last rack may hold fewer)
     * @param codec        the stripes' code: k data + m parity, tolerating m losses
     * @param stripes      stripes stored in the fleet
     * @param nodeMtbf     mean time between failures of one node
     * @param nodeMttr     time a failed node's fragments stay out: detection plus rebuild
     * @param rackMtbf     mean time between failures of one rack
     * @param rackRecovery time a failed rack's nodes stay out
     * @param years        simulated time
     */
    public record Fleet(int nodes, int nodesPerRack, CodecSpec codec, long stripes, Duration nodeMtbf, Duration nodeMttr,
            Duration rackMtbf, Duration rackRecovery, double years) {
        public Fleet {
            Objects.requireNonNull(codec, "codec");
            if (nodes < 1 || nodesPerRack < 1 || stripes < 1 || years <= 0) {
                throw new IllegalArgumentException("a fleet needs nodes, racks, stripes and time: " + nodes + " node(s), "
                        + nodesPerRack + " per rack, " + stripes + " stripe(s), " + years + " year(s)");
            }
            int racks = (nodes + nodesPerRack - 1) / nodesPerRack;
            if (racks < codec.totalCount()) {
                throw new IllegalArgumentException(codec + " needs " + codec.totalCount() + " racks for one fragment per rack; "
                        + nodes + " node(s) at " + nodesPerRack + " per rack make " + racks);
            }
        }

        public int racks() {
            return (nodes + nodesPerRack - 1) / nodesPerRack;
        }
    }

    /**
     * @param lossesPerYear      stripes entering the lost state per simulated year, fleet-wide
     * @param low                lower end of its 95 % interval (batch means)
     * @param high               upper end
     * @param perStripeYear      lossesPerYear per stripe: compare with {@link DurabilityEstimate#stripeLossesPerYear()}
     * @param nodeFailures       node failures simulated
     * @param rackFailures       rack failures simulated
     * @param mostNodesOut       the most nodes out at once (failed, or in a failed rack)
     * @param wallNanos          how long the simulation took
     */
    public record Result(Fleet fleet, long seed, double lossesPerYear, double low, double high, double perStripeYear,
            long nodeFailures, long rackFailures, int mostNodesOut, long wallNanos) {
        public boolean intervalContains(double perStripeYear) {
            double fleetWide = perStripeYear * fleet.stripes();
            return fleetWide >= low && fleetWide <= high;
        }
    }

    /**
     * What happens in the simulated fleet, as it happens (hours since the start): for a modeled fleet served to the HUD.
     * Called on the simulating thread; a listener may block it to pace the run against the wall clock.
     */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void nodeDown(double hour, int node) {
        }

        default void nodeUp(double hour, int node) {
        }

        default void rackDown(double hour, int rack) {
        }

        default void rackUp(double hour, int rack) {
        }

        /** {@code expected} stripes entered the lost state at this failure (an expectation, not a count). */
        default void lost(double hour, double expected) {
        }
    }

    private static final int NODE_UP = 0;
    private static final int RACK_UP = 1;

    private record Recovery(double at, int kind, int id) {
    }

    private final Fleet fleet;
    private final int n;
    private final int m;
    private final int racks;
    private final boolean[] nodeDown;
    private final boolean[] rackDown;
    private final int[] downInRack;
    private final int[] rackSize;
    /** Racks with something out, packed at the front; {@code slot[r]} is a rack's position, -1 when nothing is out. */
    private final int[] active;
    private final int[] slot;
    private int activeCount;

    private final Listener listener;

    private FleetSimulation(Fleet fleet, Listener listener) {
        this.fleet = fleet;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.n = fleet.codec().totalCount();
        this.m = fleet.codec().guaranteedTolerance();
        this.racks = fleet.racks();
        this.nodeDown = new boolean[fleet.nodes()];
        this.rackDown = new boolean[racks];
        this.downInRack = new int[racks];
        this.rackSize = new int[racks];
        for (int i = 0; i < fleet.nodes(); i++) {
            rackSize[i / fleet.nodesPerRack()]++;
        }
        this.active = new int[racks];
        this.slot = new int[racks];
        java.util.Arrays.fill(slot, -1);
    }

    public static Result run(Fleet fleet, long seed) {
        return run(fleet, seed, Listener.NONE);
    }

    public static Result run(Fleet fleet, long seed, Listener listener) {
        long started = System.nanoTime();
        FleetSimulation sim = new FleetSimulation(fleet, listener);
        return sim.simulate(new SplittableRandom(seed), seed, started);
    }

    private Result simulate(SplittableRandom random, long seed, long started) {
        double hours = fleet.years() * DurabilityInputs.hours(DurabilityInputs.ONE_YEAR);
        double nodeRate = fleet.nodes() / DurabilityInputs.hours(fleet.nodeMtbf());
        double rackRate = racks / DurabilityInputs.hours(fleet.rackMtbf());
        double mttr = DurabilityInputs.hours(fleet.nodeMttr());
        double recovery = DurabilityInputs.hours(fleet.rackRecovery());
        double[] batch = new double[BATCHES];
        PriorityQueue<Recovery> recoveries = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
        long nodeFailures = 0;
        long rackFailures = 0;
        int out = 0;
        int mostOut = 0;
        double now = 0;
        double nextNode = exponential(random, nodeRate);
        double nextRack = exponential(random, rackRate);
        while (true) {
            double nextRecovery = recoveries.isEmpty() ? Double.POSITIVE_INFINITY : recoveries.peek().at();
            double next = Math.min(nextRecovery, Math.min(nextNode, nextRack));
            if (next >= hours) {
                break;
            }
            now = next;
            if (next == nextRecovery) {
                Recovery r = recoveries.poll();
                out -= r.kind() == NODE_UP ? nodeUp(r.id()) : rackUp(r.id());
                if (r.kind() == NODE_UP) {
                    listener.nodeUp(now, r.id());
                } else {
                    listener.rackUp(now, r.id());
                }
            } else if (next == nextNode) {
                nextNode = now + exponential(random, nodeRate);
                int node = random.nextInt(fleet.nodes());
                if (!nodeDown[node]) {
                    nodeFailures++;
                    int rack = node / fleet.nodesPerRack();
                    if (!rackDown[rack]) {
                        double lost = fleet.stripes() * (double) n / fleet.nodes() * exactlyMOthersOut(rack);
                        batch[batchOf(now, hours)] += lost;
                        out++;
                        if (lost > 0) {
                            listener.lost(now, lost);
                        }
                    }
                    nodeDown[node] = true;
                    downInRack[rack]++;
                    activate(rack);
                    recoveries.add(new Recovery(now + mttr, NODE_UP, node));
                    listener.nodeDown(now, node);
                }
            } else {
                nextRack = now + exponential(random, rackRate);
                int rack = random.nextInt(racks);
                if (!rackDown[rack]) {
                    rackFailures++;
                    int upNodes = rackSize[rack] - downInRack[rack];
                    double lost = fleet.stripes() * (double) n / racks * upNodes / rackSize[rack] * exactlyMOthersOut(rack);
                    batch[batchOf(now, hours)] += lost;
                    rackDown[rack] = true;
                    out += upNodes;
                    activate(rack);
                    recoveries.add(new Recovery(now + recovery, RACK_UP, rack));
                    if (lost > 0) {
                        listener.lost(now, lost);
                    }
                    listener.rackDown(now, rack);
                }
            }
            mostOut = Math.max(mostOut, out);
        }
        double perBatchYears = fleet.years() / BATCHES;
        double sum = 0;
        double sumSquares = 0;
        for (double b : batch) {
            double rate = b / perBatchYears;
            sum += rate;
            sumSquares += rate * rate;
        }
        double mean = sum / BATCHES;
        double variance = Math.max(0, (sumSquares - BATCHES * mean * mean) / (BATCHES - 1));
        double half = T95_19 * Math.sqrt(variance / BATCHES);
        return new Result(fleet, seed, mean, Math.max(0, mean - half), mean + half, mean / fleet.stripes(), nodeFailures, rackFailures,
                mostOut, System.nanoTime() - started);
    }

    /** Student's t, 97.5 % quantile, 19 degrees of freedom: the 95 % interval over {@link #BATCHES} batch means. */
    static final double T95_19 = 2.093024054408263;

    private int batchOf(double now, double hours) {
        return Math.min(BATCHES - 1, (int) (now / hours * BATCHES));
    }

    /** Nodes that came back into service (1, or 0 when their rack is still down). */
    private int nodeUp(int node) {
        int rack = node / fleet.nodesPerRack();
        nodeDown[node] = false;
        downInRack[rack]--;
        deactivateIfClear(rack);
        return rackDown[rack] ? 0 : 1;
    }

    private int rackUp(int rack) {
        rackDown[rack] = false;
        deactivateIfClear(rack);
        return rackSize[rack] - downInRack[rack];
    }

    private void activate(int rack) {
        if (slot[rack] < 0) {
            slot[rack] = activeCount;
            active[activeCount++] = rack;
        }
    }

    private void deactivateIfClear(int rack) {
        if (rackDown[rack] || downInRack[rack] > 0 || slot[rack] < 0) {
            return;
        }
        int at = slot[rack];
        int last = active[--activeCount];
        active[at] = last;
        slot[last] = at;
        slot[rack] = -1;
    }

    /**
     * P(exactly m of a stripe's other n-1 fragments are out), the stripe having one fragment in {@code rack} and the
     * others in n-1 of the other racks chosen uniformly, one node in each chosen uniformly.
     */
    private double exactlyMOthersOut(int rack) {
        int others = n - 1;
        if (m > others) {
            return 0;
        }
        // h[j][c]: over the j-subsets of the racks with something out, the summed probability that c fragments are out.
        double[][] h = new double[others + 1][m + 2];
        h[0][0] = 1;
        int considered = 0;
        for (int i = 0; i < activeCount; i++) {
            int r = active[i];
            if (r == rack) {
                continue;
            }
            considered++;
            double q = rackDown[r] ? 1.0 : (double) downInRack[r] / rackSize[r];
            for (int j = Math.min(considered, others); j >= 1; j--) {
                for (int c = Math.min(j, m + 1); c >= 0; c--) {
                    double down = c > 0 ? h[j - 1][c - 1] * q : 0;
                    h[j][c] += down + h[j - 1][c] * (1 - q);
                }
            }
        }
        int zero = racks - 1 - considered;
        double logAll = logChoose(racks - 1, others);
        double p = 0;
        for (int j = m; j <= Math.min(considered, others); j++) {
            if (others - j <= zero && h[j][m] > 0) {
                p += h[j][m] * Math.exp(logChoose(zero, others - j) - logAll);
            }
        }
        return p;
    }

    private static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    private static double exponential(SplittableRandom random, double rate) {
        return rate <= 0 ? Double.POSITIVE_INFINITY : -Math.log(1 - random.nextDouble()) / rate;
    }
}
