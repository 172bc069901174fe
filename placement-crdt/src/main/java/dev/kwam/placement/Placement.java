package dev.kwam.placement;

import java.util.List;
import java.util.Objects;

/** Where each fragment of one stripe goes: {@code nodes.get(i)} holds fragment {@code i}; all distinct. */
public record Placement(StripeId stripe, List<NodeId> nodes, PlacementReport report) {

    public Placement {
        Objects.requireNonNull(stripe, "stripe");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(report, "report");
    }

    public NodeId node(int fragment) {
        return nodes.get(fragment);
    }

    public int width() {
        return nodes.size();
    }
}
