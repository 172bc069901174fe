package dev.kwam.placement;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * New homes for a stripe's lost fragments. {@code targets} maps each re-placed fragment index to its
 * new node; {@code unplaced} lists lost fragments no node could take (too few live nodes — they stay
 * lost until the membership grows). {@code agreesWithPlace} is true when the repaired stripe is exactly
 * where {@link Placer#place} would put it on this membership, so a node recomputing the placement
 * finds every fragment without asking the census. {@code report} measures the repaired stripe.
 */
public record Repair(StripeId stripe, SortedMap<Integer, NodeId> targets, List<Integer> unplaced, boolean agreesWithPlace,
        PlacementReport report) {

    public Repair {
        Objects.requireNonNull(stripe, "stripe");
        targets = Collections.unmodifiableSortedMap(new TreeMap<>(targets));
        unplaced = List.copyOf(unplaced);
        Objects.requireNonNull(report, "report");
    }

    public boolean complete() {
        return unplaced.isEmpty();
    }
}
