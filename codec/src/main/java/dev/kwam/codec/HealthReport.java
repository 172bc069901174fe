package dev.kwam.codec;

import java.util.List;

/** What {@link Kwam#verify} found: every fragment of every stripe, hash-checked, nothing decoded. */
public record HealthReport(Cid manifestCid, Cid objectCid, List<StripeHealth> stripes) {
    public HealthReport {
        stripes = List.copyOf(stripes);
    }

    /** Every stripe has enough good fragments to rebuild its content. */
    public boolean recoverable() {
        return stripes.stream().allMatch(StripeHealth::recoverable);
    }

    /** Every fragment of every stripe is present and intact. */
    public boolean healthy() {
        return missing() == 0 && corrupt() == 0;
    }

    public long missing() {
        return stripes.stream().mapToLong(s -> s.count(FragmentState.MISSING)).sum();
    }

    public long corrupt() {
        return stripes.stream().mapToLong(s -> s.count(FragmentState.CORRUPT)).sum();
    }
}
