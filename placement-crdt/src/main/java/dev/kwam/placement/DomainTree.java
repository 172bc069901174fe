package dev.kwam.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One topology seen through one anti-affinity list: the tree root → outermost domains → … →
 * innermost domains → nodes, laid out flat (breadth first, siblings contiguous and sorted) so that a
 * placement walks arrays, not maps.
 *
 * <p>Depth 0 is the root, depth {@code d} in {@code 1..L} is the policy's level {@code L-d} (depth 1 is
 * the last-listed, outermost level), depth {@code L+1} holds the nodes. Only nodes with every listed
 * label, consistent with the nesting, are in the tree; the others are {@link #lastResort}.
 *
 * <p>Nesting check: a domain's parent is the one most of its nodes name (ties: the smallest name), so
 * the verdict does not depend on the order nodes arrive in; a node naming another parent contradicts
 * the nesting. Built once per (topology, anti-affinity) and cached by {@link Topology}.
 */
final class DomainTree {
    final AntiAffinity antiAffinity;
    final int levels;
    /** Vertices of depth d are {@code depthStart[d] .. depthStart[d+1]-1}; {@code depthStart[L+2]} is the count. */
    final int[] depthStart;
    final int[] parent;
    final int[] firstChild;
    final int[] childEnd;
    final long[] idHash;
    /** A domain's label value, or a node's id. */
    final String[] name;
    final List<Node> lastResort;
    final List<LabelIssue> issues;
    private final Node[] leafNodes;
    private final Map<NodeId, Integer> leafByNode;
    private final List<Map<String, Integer>> vertexByValue;
    private final Map<NodeId, LabelIssue> issueByNode = new HashMap<>();
    private final Map<Integer, LevelBounds> boundsByWidth = new ConcurrentHashMap<>();

    private DomainTree(AntiAffinity antiAffinity, int[] depthStart, List<String> names, List<Integer> parents,
            Node[] leafNodes, List<Node> lastResort, List<LabelIssue> issues) {
        this.antiAffinity = antiAffinity;
        this.levels = antiAffinity.size();
        this.depthStart = depthStart;
        int count = names.size();
        this.name = names.toArray(new String[0]);
        this.parent = parents.stream().mapToInt(Integer::intValue).toArray();
        this.firstChild = new int[count];
        this.childEnd = new int[count];
        for (int v = 1; v < count; v++) {
            int p = parent[v];
            if (childEnd[p] == 0) {
                firstChild[p] = v;
            }
            childEnd[p] = v + 1;
        }
        this.idHash = new long[count];
        this.vertexByValue = new ArrayList<>();
        vertexByValue.add(Map.of());
        for (int d = 1; d <= levels; d++) {
            Map<String, Integer> byValue = new HashMap<>();
            for (int v = depthStart[d]; v < depthStart[d + 1]; v++) {
                idHash[v] = Rendezvous.idHash(level(d), name[v]);
                byValue.put(name[v], v);
            }
            vertexByValue.add(byValue);
        }
        this.leafNodes = leafNodes;
        this.leafByNode = new HashMap<>(leafNodes.length * 2);
        for (int i = 0; i < leafNodes.length; i++) {
            int v = depthStart[levels + 1] + i;
            idHash[v] = Rendezvous.nodeHash(leafNodes[i].id());
            leafByNode.put(leafNodes[i].id(), v);
        }
        this.lastResort = List.copyOf(lastResort);
        this.issues = List.copyOf(issues);
        issues.forEach(issue -> issueByNode.put(issue.node(), issue));
    }

    /** Indexes {@code nodes} (sorted by id) for {@code antiAffinity}. */
    static DomainTree build(List<Node> nodes, AntiAffinity antiAffinity) {
        int levels = antiAffinity.size();
        List<String> outermostFirst = new ArrayList<>(antiAffinity.levels());
        Collections.reverse(outermostFirst);
        List<LabelIssue> issues = new ArrayList<>();
        List<Node> lastResort = new ArrayList<>();
        List<Node> complete = new ArrayList<>();
        for (Node node : nodes) {
            if (node.isFull()) {
                issues.add(new LabelIssue(node.id(), LabelIssue.Problem.FULL, "reports 0 free bytes; not a candidate"));
                continue;
            }
            List<String> missing = antiAffinity.levels().stream().filter(l -> !node.labels().containsKey(l)).toList();
            if (missing.isEmpty()) {
                complete.add(node);
            } else {
                issues.add(new LabelIssue(node.id(), LabelIssue.Problem.MISSING_LABEL,
                        "lacks the label" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                                + "; placed only as a last resort"));
                lastResort.add(node);
            }
        }
        // parentVotes.get(d): at depth d, domain value → (parent value → nodes saying so)
        List<Map<String, Map<String, Integer>>> parentVotes = new ArrayList<>();
        for (int d = 0; d <= levels; d++) {
            parentVotes.add(new HashMap<>());
        }
        for (Node node : complete) {
            for (int d = 2; d <= levels; d++) {
                parentVotes.get(d).computeIfAbsent(node.labels().get(outermostFirst.get(d - 1)), k -> new HashMap<>())
                        .merge(node.labels().get(outermostFirst.get(d - 2)), 1, Integer::sum);
            }
        }
        List<Map<String, String>> canonicalParent = new ArrayList<>();
        for (int d = 0; d <= levels; d++) {
            Map<String, String> canonical = new HashMap<>();
            parentVotes.get(d).forEach((value, votes) -> canonical.put(value, canonicalParent(votes)));
            canonicalParent.add(canonical);
        }
        List<Node> consistent = new ArrayList<>();
        for (Node node : complete) {
            List<String> contradictions = new ArrayList<>();
            for (int d = 2; d <= levels; d++) {
                String kind = outermostFirst.get(d - 1);
                String parentKind = outermostFirst.get(d - 2);
                String value = node.labels().get(kind);
                String canonical = canonicalParent.get(d).get(value);
                String claimed = node.labels().get(parentKind);
                if (!canonical.equals(claimed)) {
                    Map<String, Integer> votes = parentVotes.get(d).get(value);
                    int total = votes.values().stream().mapToInt(Integer::intValue).sum();
                    contradictions.add(kind + "=" + value + " sits in " + parentKind + "=" + canonical + " on "
                            + votes.get(canonical) + " of " + total + " nodes, but this node says " + parentKind + "=" + claimed);
                }
            }
            if (contradictions.isEmpty()) {
                consistent.add(node);
            } else {
                issues.add(new LabelIssue(node.id(), LabelIssue.Problem.CONTRADICTS_NESTING,
                        String.join("; ", contradictions) + "; placed only as a last resort"));
                lastResort.add(node);
            }
        }
        issues.sort(Comparator.comparing(LabelIssue::node));
        lastResort.sort(Comparator.comparing(Node::id));

        List<String> names = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        int[] depthStart = new int[levels + 3];
        names.add("");
        parents.add(-1);
        Map<String, Integer> above = Map.of();
        for (int d = 1; d <= levels; d++) {
            depthStart[d] = names.size();
            String kind = outermostFirst.get(d - 1);
            String parentKind = d == 1 ? null : outermostFirst.get(d - 2);
            Map<String, Integer> parentOf = new HashMap<>();
            for (Node node : consistent) {
                parentOf.putIfAbsent(node.labels().get(kind), parentKind == null ? 0 : above.get(node.labels().get(parentKind)));
            }
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(parentOf.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            Map<String, Integer> here = new HashMap<>();
            for (Map.Entry<String, Integer> e : sorted) {
                here.put(e.getKey(), names.size());
                names.add(e.getKey());
                parents.add(e.getValue());
            }
            above = here;
        }
        depthStart[levels + 1] = names.size();
        String innermost = levels == 0 ? null : outermostFirst.get(levels - 1);
        int[] rackOf = new int[consistent.size()];
        Integer[] order = new Integer[consistent.size()];
        for (int i = 0; i < rackOf.length; i++) {
            rackOf[i] = innermost == null ? 0 : above.get(consistent.get(i).labels().get(innermost));
            order[i] = i;
        }
        // nodes arrive sorted by id and the sort is stable: siblings end up sorted by id
        Arrays.sort(order, Comparator.comparingInt(i -> rackOf[i]));
        List<Node> leaves = new ArrayList<>(rackOf.length);
        for (int i : order) {
            leaves.add(consistent.get(i));
            names.add(consistent.get(i).id().value());
            parents.add(rackOf[i]);
        }
        depthStart[levels + 2] = names.size();
        return new DomainTree(antiAffinity, depthStart, names, parents, leaves.toArray(new Node[0]), lastResort, issues);
    }

    private static String canonicalParent(Map<String, Integer> votes) {
        String best = null;
        int bestVotes = -1;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes || (e.getValue() == bestVotes && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /** The policy's name for depth {@code d} in {@code 1..L}. */
    String level(int depth) {
        return antiAffinity.levels().get(levels - depth);
    }

    int vertexCount() {
        return depthStart[levels + 2];
    }

    int leafCount() {
        return depthStart[levels + 2] - depthStart[levels + 1];
    }

    /** How many domains of depth {@code d} hold at least one candidate node. */
    int domainCount(int depth) {
        return depthStart[depth + 1] - depthStart[depth];
    }

    boolean isLeaf(int v) {
        return v >= depthStart[levels + 1];
    }

    Node node(int leaf) {
        return leafNodes[leaf - depthStart[levels + 1]];
    }

    /** The vertex of {@code node} in the tree, or -1 when it is not a candidate of the tree. */
    int leafOf(NodeId node) {
        Integer v = leafByNode.get(node);
        return v == null ? -1 : v;
    }

    /** The vertex of domain {@code value} at depth {@code d}, or -1 when no candidate node is in it. */
    int vertexOf(int depth, String value) {
        Integer v = vertexByValue.get(depth).get(value);
        return v == null ? -1 : v;
    }

    /** What is wrong with {@code node}'s labels, if anything. */
    Optional<LabelIssue> issueOf(NodeId node) {
        return Optional.ofNullable(issueByNode.get(node));
    }

    /** The domain of depth {@code depth} that contains leaf {@code v}. */
    int ancestor(int v, int depth) {
        int d = levels + 1;
        while (d > depth) {
            v = parent[v];
            d--;
        }
        return v;
    }

    LevelBounds bounds(int fragments) {
        return boundsByWidth.computeIfAbsent(fragments, f -> LevelBounds.compute(this, f));
    }

    @Override
    public String toString() {
        return "DomainTree" + Arrays.toString(depthStart) + " for " + antiAffinity;
    }
}
