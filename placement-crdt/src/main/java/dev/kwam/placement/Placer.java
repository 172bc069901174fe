package dev.kwam.placement;

import dev.kwam.codec.CodecSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which nodes hold a stripe's fragments: the module's entry point, pure and deterministic.
 *
 * <p>{@link #place} puts fragment {@code i} of a stripe on a node chosen by walking the fault-domain
 * tree with rendezvous hashing ({@link Descent}), within per-level bounds that are the most even
 * spread the live fleet allows, outermost level first ({@link LevelBounds}). The guarantee, for the
 * fully and consistently labelled nodes: at every listed level no domain holds more than
 * {@code ceil(n / domains)} fragments — so no two share a domain while the level has at least
 * {@code n} — whenever the fleet's domains are large enough for all levels at once; otherwise the
 * lexicographically smallest maxima, outermost first, and the report says which level fell back
 * and why. Every fragment is on a distinct node. Full statement and proof: docs/placement.md.
 *
 * <p>{@link #replace} re-homes lost fragments for the repair machinery without moving survivors.
 */
public final class Placer {

    private Placer() {
    }

    /**
     * Places the {@code fragments} fragments of {@code stripe}.
     *
     * @throws PlacementRefused when fewer than {@code fragments} nodes can take a fragment: two fragments
     *     of one stripe on one node would be lost together, so the placer refuses rather than double up
     */
    public static Placement place(StripeId stripe, int fragments, AntiAffinity antiAffinity, Topology topology) {
        checkWidth(fragments, stripe, antiAffinity);
        DomainTree tree = topology.tree(antiAffinity);
        int candidates = tree.leafCount() + tree.lastResort.size();
        if (candidates < fragments) {
            String request = stripe + ", " + fragments + " fragments, " + antiAffinity;
            int full = topology.size() - candidates;
            throw new PlacementRefused(PlacementRefused.TOO_FEW_NODES, "too few nodes can take a fragment", request,
                    fragments + " fragments need " + fragments + " distinct nodes, but only " + candidates + " of the "
                            + topology.size() + " live nodes can take one" + (full > 0 ? " (" + full + " report no free space)" : ""),
                    "bring nodes back or add some, or protect with a narrower code (k+m ≤ " + candidates
                            + "); the placer never puts two fragments of one stripe on one node");
        }
        int inTree = Math.min(fragments, tree.leafCount());
        LevelBounds bounds = inTree > 0 ? tree.bounds(inTree) : null;
        Descent walk = new Descent(tree, bounds, stripe, fragments);
        int[] leaf = new int[fragments];
        Node[] nodes = new Node[fragments];
        List<NodeId> ids = new ArrayList<>(fragments);
        for (int i = 0; i < fragments; i++) {
            if (i < inTree) {
                leaf[i] = walk.descend(i);
                if (leaf[i] < 0) {
                    throw new IllegalStateException("placement invariant broken: the tree had no room for fragment "
                            + i + " of " + stripe + " (" + fragments + " fragments, " + antiAffinity + ")");
                }
                nodes[i] = tree.node(leaf[i]);
            } else {
                leaf[i] = -1;
                nodes[i] = walk.lastResort(i);
            }
            ids.add(nodes[i].id());
        }
        return new Placement(stripe, ids, PlacementReport.of(tree, bounds, fragments, leaf, nodes, false));
    }

    /**
     * New nodes for the {@code lost} fragments of a stripe now on {@code current} ({@code current.get(i)}
     * held fragment {@code i}). Survivors never move and their nodes are never reused; new targets keep
     * the level bounds with respect to the survivors. When the whole stripe, survivors included, is
     * where {@link #place} puts it on this membership, those targets are used ({@code agreesWithPlace});
     * otherwise the lost fragments walk the tree with the survivors already counted. A lost fragment's
     * old node is a candidate again if it is still a member (a scrubbed-out fragment may be rewritten
     * where it was).
     *
     * @throws PlacementRefused when an index is out of range, or a survivor's node is not a live member
     *     or holds two survivors (list such fragments as lost)
     */
    public static Repair replace(StripeId stripe, List<NodeId> current, Set<Integer> lost, AntiAffinity antiAffinity,
            Topology topology) {
        int width = current.size();
        checkWidth(width, stripe, antiAffinity);
        String request = "repair of " + stripe + ", " + width + " fragments, lost " + new TreeSet<>(lost) + ", " + antiAffinity;
        for (int i : lost) {
            if (i < 0 || i >= width) {
                throw refusedAssignment(request, "fragment index " + i + " is outside 0.." + (width - 1),
                        "list lost fragments by their index in the stripe");
            }
        }
        Map<NodeId, Integer> survivorOn = new HashMap<>();
        for (int i = 0; i < width; i++) {
            if (lost.contains(i)) {
                continue;
            }
            NodeId node = current.get(i);
            if (topology.node(node).isEmpty()) {
                throw refusedAssignment(request, "surviving fragment " + i + " is on " + node + ", which is not a live member",
                        "list fragment " + i + " as lost too");
            }
            Integer other = survivorOn.put(node, i);
            if (other != null) {
                throw refusedAssignment(request, "fragments " + other + " and " + i + " both survive on " + node,
                        "list one of them as lost so that it is re-placed on another node");
            }
        }
        Repair agreed = agreedWithPlace(stripe, current, lost, antiAffinity, topology);
        if (agreed != null) {
            return agreed;
        }
        DomainTree tree = topology.tree(antiAffinity);
        int inTree = Math.min(width, tree.leafCount());
        LevelBounds bounds = inTree > 0 ? tree.bounds(inTree) : null;
        Descent walk = new Descent(tree, bounds, stripe, width);
        int[] leaf = new int[width];
        Node[] nodes = new Node[width];
        for (int i = 0; i < width; i++) {
            leaf[i] = -1;
            if (!lost.contains(i)) {
                nodes[i] = topology.node(current.get(i)).orElseThrow();
                leaf[i] = tree.leafOf(nodes[i].id());
                if (leaf[i] >= 0) {
                    walk.occupy(leaf[i]);
                } else {
                    walk.occupyOutsideTree(nodes[i]);
                }
            }
        }
        SortedMap<Integer, NodeId> targets = new TreeMap<>();
        List<Integer> unplaced = new ArrayList<>();
        for (int i : new TreeSet<>(lost)) {
            leaf[i] = bounds == null ? -1 : walk.descend(i);
            nodes[i] = leaf[i] >= 0 ? tree.node(leaf[i]) : walk.lastResort(i);
            if (nodes[i] == null) {
                unplaced.add(i);
            } else {
                targets.put(i, nodes[i].id());
            }
        }
        return new Repair(stripe, targets, unplaced, false, PlacementReport.of(tree, bounds, width, leaf, nodes, true));
    }

    /** The fresh placement's targets, when it leaves every survivor where it is; else null. */
    private static Repair agreedWithPlace(StripeId stripe, List<NodeId> current, Set<Integer> lost,
            AntiAffinity antiAffinity, Topology topology) {
        Placement fresh;
        try {
            fresh = place(stripe, current.size(), antiAffinity, topology);
        } catch (PlacementRefused tooFewNodes) {
            return null; // the walk below places what it can and reports the rest as unplaced
        }
        SortedMap<Integer, NodeId> targets = new TreeMap<>();
        for (int i = 0; i < current.size(); i++) {
            if (lost.contains(i)) {
                targets.put(i, fresh.node(i));
            } else if (!fresh.node(i).equals(current.get(i))) {
                return null;
            }
        }
        return new Repair(stripe, targets, List.of(), true, fresh.report());
    }

    private static void checkWidth(int fragments, StripeId stripe, AntiAffinity antiAffinity) {
        if (fragments < 1 || fragments > CodecSpec.MAX_SHARDS) {
            throw new PlacementRefused(PlacementRefused.BAD_WIDTH, "the stripe width is out of range", stripe + ", " + antiAffinity,
                    "a stripe has 1 to " + CodecSpec.MAX_SHARDS + " fragments, got " + fragments,
                    "pass the codec's k+m");
        }
    }

    private static PlacementRefused refusedAssignment(String request, String reason, String hint) {
        return new PlacementRefused(PlacementRefused.BAD_ASSIGNMENT, "the surviving assignment cannot be repaired", request, reason,
                hint);
    }
}
