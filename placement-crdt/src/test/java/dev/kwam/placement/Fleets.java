package dev.kwam.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random fleets for the placer's tests, and label-based counting that does not use the placer's index. */
final class Fleets {
    static final List<String> ALL_LEVELS = List.of("rack", "pdu", "spine", "az");

    private Fleets() {
    }

    /**
     * A consistently labelled fleet of azs ⊃ spines ⊃ pdus ⊃ racks ⊃ nodes. {@code uniform}: one fan-out
     * per level (every domain of a level alike); otherwise each domain draws its own, 1..max.
     */
    static Topology random(SplittableRandom r, boolean uniform, int[] maxFanout) {
        int[] fixed = new int[maxFanout.length];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = 1 + r.nextInt(maxFanout[i]);
        }
        List<Node> nodes = new ArrayList<>();
        int azs = uniform ? fixed[0] : 1 + r.nextInt(maxFanout[0]);
        for (int a = 0; a < azs; a++) {
            String az = "az" + a;
            int spines = uniform ? fixed[1] : 1 + r.nextInt(maxFanout[1]);
            for (int s = 0; s < spines; s++) {
                String spine = az + "s" + s;
                int pdus = uniform ? fixed[2] : 1 + r.nextInt(maxFanout[2]);
                for (int p = 0; p < pdus; p++) {
                    String pdu = spine + "p" + p;
                    int racks = uniform ? fixed[3] : 1 + r.nextInt(maxFanout[3]);
                    for (int k = 0; k < racks; k++) {
                        String rack = pdu + "r" + k;
                        int count = uniform ? fixed[4] : 1 + r.nextInt(maxFanout[4]);
                        for (int n = 0; n < count; n++) {
                            nodes.add(Node.of(rack + "n" + n, Map.of("az", az, "spine", spine, "pdu", pdu, "rack", rack)));
                        }
                    }
                }
            }
        }
        return Topology.of(nodes);
    }

    /** A random ordered subset of rack, pdu, spine, az (possibly empty). */
    static AntiAffinity randomLevels(SplittableRandom r) {
        List<String> levels = new ArrayList<>();
        for (String level : ALL_LEVELS) {
            if (r.nextInt(10) < 7) {
                levels.add(level);
            }
        }
        return new AntiAffinity(levels);
    }

    static Topology shuffled(Topology topology, long seed) {
        List<Node> nodes = new ArrayList<>(topology.nodes());
        Collections.shuffle(nodes, new java.util.Random(seed));
        return Topology.of(nodes);
    }

    /** Fragments per domain of {@code level}, from the nodes' labels. */
    static Map<String, Integer> perDomain(List<NodeId> nodes, Topology topology, String level) {
        Map<String, Integer> counts = new HashMap<>();
        for (NodeId id : nodes) {
            String value = topology.node(id).orElseThrow().labels().get(level);
            counts.merge(value, 1, Integer::sum);
        }
        return counts;
    }

    static int maxPerDomain(List<NodeId> nodes, Topology topology, String level) {
        return perDomain(nodes, topology, level).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Distinct values of {@code level} among the nodes. */
    static int domains(Topology topology, String level) {
        return (int) topology.nodes().stream().map(n -> n.labels().get(level)).distinct().count();
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
