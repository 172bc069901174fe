package dev.kwam.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a placement did and why: the spread at every listed level (policy order, smallest first), the
 * fragments that had to go to last-resort nodes, and how many nodes could be chosen at all.
 *
 * <p>{@link #fallbacks()} are the levels where some domain holds two or more fragments — each with the
 * number of domains that were available, the resulting maximum and the reason — which is what the
 * write path logs and the durability model needs.
 */
public record PlacementReport(List<LevelSpread> levels, List<LastResortUse> lastResort, int candidates,
        int lastResortCandidates) {

    /** Fragment {@code fragment} went to {@code node}, whose labels the rule could not trust: {@code why}. */
    public record LastResortUse(int fragment, NodeId node, String why) {
    }

    public PlacementReport {
        levels = List.copyOf(levels);
        lastResort = List.copyOf(lastResort);
    }

    public List<LevelSpread> fallbacks() {
        return levels.stream().filter(LevelSpread::isFallback).toList();
    }

    /** No domain of any listed level holds two fragments, and every node was fully labelled. */
    public boolean clean() {
        return fallbacks().isEmpty() && lastResort.isEmpty();
    }

    /** The spread at {@code level}. */
    public LevelSpread level(String level) {
        return levels.stream().filter(l -> l.level().equals(level)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("level '" + level + "' is not listed in this placement"));
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(clean() ? "anti-affinity holds at every listed level" : "fell back").append(" (")
                .append(candidates).append(" candidate nodes");
        if (lastResortCandidates > 0) {
            s.append(", ").append(lastResortCandidates).append(" of them last resort");
        }
        s.append(')');
        levels.stream().filter(LevelSpread::isFallback).forEach(l -> s.append("\n  ").append(l.why()));
        lastResort.forEach(u -> s.append("\n  fragment ").append(u.fragment()).append(" on last-resort node ")
                .append(u.node()).append(": ").append(u.why()));
        return s.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    /**
     * Measures the stripe as placed. {@code leaf[i]} is fragment i's tree vertex or -1 (outside the
     * tree, or unplaced when {@code nodes[i]} is null). In a fresh placement the fragments in the tree
     * must meet the level bounds — a breach is a bug and refuses loudly rather than being reported as
     * a fallback; in a repair, survivors may already exceed them.
     */
    static PlacementReport of(DomainTree tree, LevelBounds bounds, int width, int[] leaf, Node[] nodes,
            boolean repair) {
        List<LevelSpread> spreads = new ArrayList<>(tree.levels);
        for (int d = tree.levels; d >= 1; d--) {
            spreads.add(spread(tree, bounds, d, width, leaf, nodes, repair));
        }
        List<LastResortUse> lastResort = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && leaf[i] < 0) {
                NodeId id = nodes[i].id();
                lastResort.add(new LastResortUse(i, id, tree.issueOf(id).map(LabelIssue::detail).orElse("not a candidate")));
            }
        }
        return new PlacementReport(spreads, lastResort, tree.leafCount() + tree.lastResort.size(), tree.lastResort.size());
    }

    private static LevelSpread spread(DomainTree tree, LevelBounds bounds, int d, int width, int[] leaf, Node[] nodes,
            boolean repair) {
        String level = tree.level(d);
        int[] all = new int[nodes.length];
        int[] inTree = new int[nodes.length];
        int placed = 0;
        int placedInTree = 0;
        int unlabelled = 0;
        Map<String, Integer> outsideTree = null;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null) {
                continue;
            }
            if (leaf[i] >= 0) {
                int domain = tree.ancestor(leaf[i], d);
                all[placed++] = domain;
                inTree[placedInTree++] = domain;
                continue;
            }
            String value = nodes[i].labels().get(level);
            if (value == null) {
                unlabelled++;
                continue;
            }
            int domain = tree.vertexOf(d, value);
            if (domain < 0) {
                // a domain no candidate node is in: count it under a key of its own
                if (outsideTree == null) {
                    outsideTree = new HashMap<>();
                }
                Integer known = outsideTree.get(value);
                if (known == null) {
                    known = outsideTree.size();
                    outsideTree.put(value, known);
                }
                domain = -1 - known;
            }
            all[placed++] = domain;
        }
        int[] allStats = maxAndDistinct(all, placed);
        int treeMax = maxAndDistinct(inTree, placedInTree)[0];
        int domains = tree.domainCount(d);
        int ideal = domains == 0 ? width : domains >= width ? 1 : LevelBounds.ceilDiv(width, domains);
        int max = allStats[0];
        if (!repair && bounds != null && treeMax > bounds.bound(d)) {
            throw new IllegalStateException("placement invariant broken: " + treeMax + " fragments in one " + level
                    + " domain, bound " + bounds.bound(d));
        }
        LevelSpread.Cause cause;
        if (max <= 1) {
            cause = LevelSpread.Cause.ANTI_AFFINE;
        } else if (bounds == null || treeMax < max) {
            cause = LevelSpread.Cause.LAST_RESORT;
        } else if (repair && treeMax > bounds.bound(d)) {
            cause = LevelSpread.Cause.SURVIVORS;
        } else if (max <= ideal) {
            cause = LevelSpread.Cause.EXHAUSTED;
        } else if (!bounds.idealFitsAlone(d)) {
            cause = LevelSpread.Cause.SMALL_DOMAINS;
        } else {
            cause = LevelSpread.Cause.OUTER_LEVEL_FIRST;
        }
        return new LevelSpread(level, domains, placed + unlabelled, ideal, max, allStats[1], unlabelled, cause);
    }

    /** {max occurrences, distinct values} among the first {@code count} keys. */
    private static int[] maxAndDistinct(int[] keys, int count) {
        int[] sorted = Arrays.copyOf(keys, count);
        Arrays.sort(sorted);
        int max = 0;
        int distinct = 0;
        for (int i = 0; i < count; ) {
            int j = i;
            while (j < count && sorted[j] == sorted[i]) {
                j++;
            }
            max = Math.max(max, j - i);
            distinct++;
            i = j;
        }
        return new int[] {max, distinct};
    }
}
