package dev.kwam.placement;

import java.util.Objects;

/**
 * A node's stable name, e.g. the node segment of its SPIFFE id ({@code n0042}). The placer hashes
 * exactly this text, so a node that restarts under the same name gets back the same fragments.
 */
public record NodeId(String value) implements Comparable<NodeId> {

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException("node id '" + value
                    + "' is blank or has surrounding whitespace (hint: use the node segment of its SPIFFE id)");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
