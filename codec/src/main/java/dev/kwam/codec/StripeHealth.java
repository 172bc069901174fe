package dev.kwam.codec;

import java.util.List;

/** The health of one stripe: how many good fragments it needs, whether it has them, and each fragment's state. */
public record StripeHealth(int stripe, int needed, boolean recoverable, List<FragmentStatus> fragments) {
    public StripeHealth {
        fragments = List.copyOf(fragments);
    }

    public long count(FragmentState state) {
        return fragments.stream().filter(f -> f.state() == state).count();
    }
}
