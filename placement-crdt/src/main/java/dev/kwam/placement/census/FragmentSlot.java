package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.Objects;

/**
 * One fragment of a stripe as the census records it.
 *
 * @param index    the fragment's index in its stripe (0..k+m-1)
 * @param fragment the fragment's cid
 * @param node     the node holding it, or {@code ""} when it was never placed
 * @param state    what is known about it
 */
public record FragmentSlot(int index, Cid fragment, String node, SlotState state) implements KwamSerializable {
    public FragmentSlot {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("fragment index must be in 0..255, got " + index);
        }
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
    }

    public boolean placed() {
        return !node.isEmpty();
    }
}
