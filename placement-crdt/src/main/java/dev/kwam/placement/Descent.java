package dev.kwam.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One stripe's walk down a {@link DomainTree}, fragment by fragment, remembering what it has placed.
 *
 * <p>Fragment {@code i} starts at the root and, at every domain, steps into the child that
 * <ol>
 *   <li>still has room (holds fewer of this stripe's fragments than its capacity under the level
 *       bounds — this is what keeps every level's bound and every node distinct),</li>
 *   <li>among those, holds the fewest of this stripe's fragments (so an exhausted level fills its
 *       domains round-robin, never 2 in one while another has 0 and room), and</li>
 *   <li>among those, has the highest rendezvous score for (stripe, i) — ties, which need a 64-bit
 *       collision, go to the smaller name.</li>
 * </ol>
 * A domain with room always has a child with room (its capacity is at most the sum of its children's),
 * so the walk never dead-ends below the root. The cost is the sum of the fan-outs along the path —
 * about 50 scores per fragment on a 100,000-node, four-level fleet instead of 100,000.
 *
 * <p>Nodes outside the tree (missing or contradicting labels) are only reached through
 * {@link #lastResort}, after the tree is full.
 */
final class Descent {
    private final DomainTree tree;
    private final int[] capacity;
    private final long k0;
    private final long k1;
    private final Tally used;
    private final List<Node> placed = new ArrayList<>();
    private Set<NodeId> taken;

    Descent(DomainTree tree, LevelBounds bounds, StripeId stripe, int width) {
        this.tree = tree;
        this.capacity = bounds == null ? new int[tree.vertexCount()] : bounds.capacity;
        this.k0 = stripe.k0();
        this.k1 = stripe.k1();
        this.used = new Tally(width * (tree.levels + 2));
    }

    /** Places fragment {@code fragment} in the tree: its node's vertex, or -1 when the tree has no room left. */
    int descend(int fragment) {
        int v = 0;
        while (!tree.isLeaf(v)) {
            int best = -1;
            int bestUsed = Integer.MAX_VALUE;
            long bestScore = 0;
            for (int c = tree.firstChild[v], end = tree.childEnd[v]; c < end; c++) {
                int u = used.get(c);
                if (u >= capacity[c] || u > bestUsed) {
                    continue;
                }
                long s = Rendezvous.score(k0, k1, fragment, tree.idHash[c]);
                if (u < bestUsed || beats(s, c, bestScore, best)) {
                    best = c;
                    bestUsed = u;
                    bestScore = s;
                }
            }
            if (best < 0) {
                if (v != 0) {
                    throw new IllegalStateException("placement invariant broken: " + tree.level(depthOf(v))
                            + " domain " + tree.name[v] + " had room but no child with room");
                }
                return -1;
            }
            v = best;
        }
        occupy(v);
        return v;
    }

    private boolean beats(long score, int candidate, long bestScore, int best) {
        int cmp = Long.compareUnsigned(score, bestScore);
        return cmp > 0 || (cmp == 0 && tree.name[candidate].compareTo(tree.name[best]) < 0);
    }

    /** Records a fragment on tree node {@code leaf}: the node and each of its domains hold one more. */
    void occupy(int leaf) {
        for (int x = leaf; x >= 0; x = tree.parent[x]) {
            used.increment(x);
        }
        placed.add(tree.node(leaf));
    }

    /**
     * Records a surviving fragment on a node outside the tree: its domains count as far down as its
     * labels agree with the tree (outermost first), so the tally stays a consistent flow and no walk can
     * dead-end.
     */
    void occupyOutsideTree(Node node) {
        int v = 0;
        int depth = 1;
        for (; depth <= tree.levels; depth++) {
            String value = node.labels().get(tree.level(depth));
            int w = value == null ? -1 : tree.vertexOf(depth, value);
            if (w < 0 || tree.parent[w] != v) {
                break;
            }
            v = w;
        }
        for (int x = v; x >= 0; x = tree.parent[x]) {
            used.increment(x);
        }
        takenSet().add(node.id());
        placed.add(node);
    }

    /**
     * A node outside the tree for fragment {@code fragment}: the one sharing the fewest listed domains
     * with the fragments already placed (compared outermost level first, by label value), then the
     * highest score; empty when none is left. Scans every last-resort node, which is fine for the few
     * mislabelled nodes it is meant for.
     */
    Node lastResort(int fragment) {
        Node best = null;
        int[] bestClashes = null;
        long bestScore = 0;
        for (Node candidate : tree.lastResort) {
            if (takenSet().contains(candidate.id())) {
                continue;
            }
            int[] clashes = clashes(candidate);
            long s = Rendezvous.score(k0, k1, fragment, Rendezvous.nodeHash(candidate.id()));
            int cmp = best == null ? -1 : Arrays.compare(clashes, bestClashes);
            if (cmp < 0 || (cmp == 0 && Long.compareUnsigned(s, bestScore) > 0)) {
                best = candidate;
                bestClashes = clashes;
                bestScore = s;
            }
        }
        if (best != null) {
            takenSet().add(best.id());
            placed.add(best);
        }
        return best;
    }

    private int[] clashes(Node candidate) {
        int[] clashes = new int[tree.levels];
        for (int d = 1; d <= tree.levels; d++) {
            String level = tree.level(d);
            String value = candidate.labels().get(level);
            if (value == null) {
                continue;
            }
            for (Node other : placed) {
                if (value.equals(other.labels().get(level))) {
                    clashes[d - 1]++;
                }
            }
        }
        return clashes;
    }

    private Set<NodeId> takenSet() {
        if (taken == null) {
            taken = new HashSet<>();
        }
        return taken;
    }

    private int depthOf(int v) {
        int d = 0;
        while (tree.depthStart[d + 1] <= v) {
            d++;
        }
        return d;
    }
}
