package dev.kwam.node.write;

import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Placement;
import dev.kwam.placement.PlacementRefused;
import dev.kwam.placement.Placer;
import dev.kwam.placement.Repair;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where one stripe's fragments go during one protect. Starts from the placer's deterministic
 * placement over the live topology (so two nodes protecting the same chunk agree), and when a
 * node fails a write, asks {@link Placer#replace} for another that holds no fragment of this stripe
 * — survivors never move. Fragments no node can take stay unplaced ({@code null}). Thread-safe:
 * the codec's I/O threads write a stripe's fragments concurrently.
 */
final class StripePlacement {
    private final StripeId stripe;
    private final AntiAffinity antiAffinity;
    private final Topology topology;
    private final NodeId[] assigned;
    private final Set<NodeId> failed = new HashSet<>();

    private StripePlacement(StripeId stripe, AntiAffinity antiAffinity, Topology topology, NodeId[] assigned) {
        this.stripe = stripe;
        this.antiAffinity = antiAffinity;
        this.topology = topology;
        this.assigned = assigned;
    }

    /** The placer's placement of {@code width} fragments; with fewer live nodes than that, as many as fit. */
    static StripePlacement of(StripeId stripe, int width, AntiAffinity antiAffinity, Topology topology) {
        NodeId[] assigned = new NodeId[width];
        if (topology.size() >= width) {
            Placement placement = Placer.place(stripe, width, antiAffinity, topology);
            for (int i = 0; i < width; i++) {
                assigned[i] = placement.node(i);
            }
        } else if (topology.size() > 0) {
            // replace() with every fragment lost walks the same tree and reports what does not fit as unplaced.
            List<NodeId> none = new ArrayList<>();
            Set<Integer> all = new HashSet<>();
            for (int i = 0; i < width; i++) {
                none.add(topology.nodes().get(0).id());
                all.add(i);
            }
            try {
                Repair repair = Placer.replace(stripe, none, all, antiAffinity, topology);
                repair.targets().forEach((i, node) -> assigned[i] = node);
            } catch (PlacementRefused refused) {
                // nothing placed: every fragment stays unplaced
            }
        }
        return new StripePlacement(stripe, antiAffinity, topology, assigned);
    }

    synchronized NodeId target(int index) {
        return assigned[index];
    }

    /**
     * {@code node} failed to store fragment {@code index}: the next node to try, or null when no
     * live node that holds nothing of this stripe is left.
     */
    synchronized NodeId replaceAfterFailure(int index, NodeId node) {
        failed.add(node);
        if (assigned[index] != null && !assigned[index].equals(node)) {
            return assigned[index]; // another thread re-placed it already
        }
        Topology remaining = topology.without(failed);
        List<NodeId> current = new ArrayList<>(assigned.length);
        Set<Integer> lost = new HashSet<>();
        for (int i = 0; i < assigned.length; i++) {
            NodeId at = assigned[i];
            if (at == null || failed.contains(at)) {
                lost.add(i);
                current.add(node);
            } else {
                current.add(at);
            }
        }
        NodeId next = null;
        if (remaining.size() > 0) {
            try {
                next = Placer.replace(stripe, current, lost, antiAffinity, remaining).targets().get(index);
            } catch (PlacementRefused refused) {
                next = null;
            }
        }
        assigned[index] = next;
        return next;
    }
}
