package dev.kwam.placement;

import java.util.Arrays;

/**
 * The most fragments of one stripe that one domain of each level may hold, for a stripe of
 * {@code fragments} fragments on one {@link DomainTree}, and the capacity of every vertex under those
 * bounds.
 *
 * <p>The bounds are the lexicographic minimum, outermost level first: the smallest per-az maximum any
 * placement on distinct nodes can reach; then, among placements keeping that, the smallest per-spine
 * maximum; and so on down to racks. On a fleet whose domains are big enough this is exactly
 * {@code ceil(fragments / domains)} per level (1 while a level has at least as many domains as
 * fragments); on a lopsided fleet an outer level's evenness wins over an inner level's (why:
 * docs/placement.md, "Priority").
 *
 * <p>Capacity of a vertex = how many fragments its subtree can take without breaking a bound: 1 for a
 * node, {@code min(bound(level), sum of the children's capacities)} for a domain. A placement is
 * feasible exactly when the root's capacity reaches {@code fragments}, and any fill that keeps every
 * vertex within its capacity meets every bound — so each level's bound is found by binary search on
 * this O(vertices) check. Depends only on the tree and the width, never on the stripe: computed once
 * and cached.
 */
final class LevelBounds {
    final int fragments;
    /** By depth: [0] the root (unbounded), [1..L] the levels, [L+1] the nodes (1). */
    private final int[] bound;
    /** By depth: whether {@code ceil(fragments / domains)} alone (outer levels unbounded) would fit. */
    private final boolean[] idealFitsAlone;
    final int[] capacity;

    private LevelBounds(int fragments, int[] bound, boolean[] idealFitsAlone, int[] capacity) {
        this.fragments = fragments;
        this.bound = bound;
        this.idealFitsAlone = idealFitsAlone;
        this.capacity = capacity;
    }

    static LevelBounds compute(DomainTree tree, int fragments) {
        if (fragments < 1 || fragments > tree.leafCount()) {
            throw new IllegalArgumentException("bounds for " + fragments + " fragments on " + tree.leafCount() + " nodes");
        }
        int levels = tree.levels;
        int[] bound = unbounded(levels, fragments);
        for (int d = 1; d <= levels; d++) {
            int lo = ceilDiv(fragments, tree.domainCount(d));
            int hi = fragments;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                bound[d] = mid;
                if (fits(tree, bound, fragments)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            bound[d] = lo;
        }
        boolean[] idealFitsAlone = new boolean[levels + 2];
        for (int d = 1; d <= levels; d++) {
            int[] alone = unbounded(levels, fragments);
            alone[d] = ceilDiv(fragments, tree.domainCount(d));
            idealFitsAlone[d] = fits(tree, alone, fragments);
        }
        return new LevelBounds(fragments, bound, idealFitsAlone, capacities(tree, bound));
    }

    int bound(int depth) {
        return bound[depth];
    }

    boolean idealFitsAlone(int depth) {
        return idealFitsAlone[depth];
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int[] unbounded(int levels, int fragments) {
        int[] bound = new int[levels + 2];
        Arrays.fill(bound, fragments);
        bound[levels + 1] = 1;
        return bound;
    }

    private static boolean fits(DomainTree tree, int[] bound, int fragments) {
        return capacities(tree, bound)[0] >= fragments;
    }

    private static int[] capacities(DomainTree tree, int[] bound) {
        int[] cap = new int[tree.vertexCount()];
        int leaves = tree.depthStart[tree.levels + 1];
        Arrays.fill(cap, leaves, cap.length, 1);
        for (int d = tree.levels; d >= 0; d--) {
            for (int v = tree.depthStart[d]; v < tree.depthStart[d + 1]; v++) {
                long sum = 0;
                for (int c = tree.firstChild[v]; c < tree.childEnd[v]; c++) {
                    sum += cap[c];
                }
                cap[v] = d == 0 ? (int) Math.min(sum, Integer.MAX_VALUE) : (int) Math.min(sum, bound[d]);
            }
        }
        return cap;
    }
}
