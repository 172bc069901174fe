package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import java.util.Objects;

/**
 * The census, read back after the write, shows fragment {@code index} of {@code stripe} as OK on
 * {@code node}: the new placement is confirmed. A copy of a fragment may be deleted only against such a
 * proof, so a source is never removed before its replacement is known to the cluster. Only the repair's
 * confirmation step makes one (the constructor is package-private).
 */
public final class PlacementProof {
    private final Cid stripe;
    private final int index;
    private final Cid fragment;
    private final String node;

    PlacementProof(Cid stripe, int index, Cid fragment, String node) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.index = index;
        this.fragment = Objects.requireNonNull(fragment, "fragment");
        this.node = Objects.requireNonNull(node, "node");
    }

    public Cid stripe() {
        return stripe;
    }

    public int index() {
        return index;
    }

    public Cid fragment() {
        return fragment;
    }

    /** Where the confirmed copy lives. */
    public String node() {
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlacementProof p && p.stripe.equals(stripe) && p.index == index && p.fragment.equals(fragment)
                && p.node.equals(node);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stripe, index, fragment, node);
    }

    @Override
    public String toString() {
        return "PlacementProof[" + stripe + " fragment " + index + " (" + fragment + ") confirmed on " + node + "]";
    }
}
