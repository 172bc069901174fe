package dev.kwam.placement;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A live node as the placer sees it: its id, its fault-domain labels ({@code rack → r12},
 * {@code pdu → p3}, {@code az → az2}, later {@code cell → c7}) and, when known, its free bytes.
 *
 * <p>Labels are data, not a fixed schema: the anti-affinity levels of a policy say which kinds
 * matter. A label value names one domain fleet-wide ({@code rack=r1} under two different pdus is a
 * contradiction, not two racks), so fleets that number racks per pdu must qualify the names.
 *
 * <p>{@code freeBytes} is optional: unknown means "has room". A node that reports zero free bytes is
 * not a candidate (it could not take the write); weighting by capacity is not done yet.
 */
public record Node(NodeId id, Map<String, String> labels, OptionalLong freeBytes) {

    public Node {
        Objects.requireNonNull(id, "node id");
        Objects.requireNonNull(labels, "labels of node " + id);
        Objects.requireNonNull(freeBytes, "free bytes of node " + id);
        labels.forEach((kind, value) -> {
            if (kind == null || kind.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("node " + id + ": label '" + kind + "' → '" + value
                        + "' has a blank kind or value (hint: --domain rack=r12)");
            }
        });
        labels = Map.copyOf(new TreeMap<>(labels));
        if (freeBytes.isPresent() && freeBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("node " + id + ": free bytes cannot be negative, got " + freeBytes.getAsLong());
        }
    }

    /** A node with these labels and unknown free space. */
    public static Node of(String id, Map<String, String> labels) {
        return new Node(NodeId.of(id), labels, OptionalLong.empty());
    }

    public Node withFreeBytes(long bytes) {
        return new Node(id, labels, OptionalLong.of(bytes));
    }

    boolean isFull() {
        return freeBytes.isPresent() && freeBytes.getAsLong() == 0;
    }
}
