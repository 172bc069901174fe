package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Objects;

/**
 * Where the fragments of one stripe live. A stripe is named by its chunk's cid; {@code slots} holds
 * one entry per fragment index the census has heard of, in index order.
 */
public record StripeEntry(Cid stripe, int k, int m, List<FragmentSlot> slots) implements KwamSerializable {
    public StripeEntry {
        Objects.requireNonNull(stripe, "stripe");
        slots = List.copyOf(slots);
    }
}
