package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's change to the cluster-wide repair budget: new values for some limits (the others stay as
 * they are in force), or a reset to the configured limits (the policy's, or {@code kwam.node.repair}'s).
 * Sent from the node that was asked to the JHMM's host, so it is {@link KwamSerializable}.
 *
 * @param maxConcurrentStripes stripes rebuilt at once in the whole cluster; empty: unchanged
 * @param bytesPerSecond       a bandwidth cap; empty: unchanged (see {@code unlimitedBandwidth})
 * @param unlimitedBandwidth   lift the bandwidth cap
 * @param reset                forget any override and return to the configured limits
 * @param setBy                who asks: the SPIFFE ID of a gRPC caller's certificate, or {@link #ACTOR_API}
 */
public record BudgetChange(Optional<Integer> maxConcurrentStripes, Optional<Long> bytesPerSecond, boolean unlimitedBandwidth,
        boolean reset, String setBy) implements KwamSerializable {
    /** The setter recorded for changes made through {@code KwamNode} directly (embedded nodes, tests). */
    public static final String ACTOR_API = "actor API";
    /**
     * The most stripes a run-time change may let rebuild at once. Each running stripe holds its sources in
     * memory (up to k chunks of at most 4 MiB on the JHMM's node and the targets), so a thousand is already
     * gigabytes; a larger number is far more likely a typo than a plan.
     */
    public static final int MAX_CONCURRENT_STRIPES = 1024;

    public BudgetChange {
        Objects.requireNonNull(maxConcurrentStripes, "maxConcurrentStripes");
        Objects.requireNonNull(bytesPerSecond, "bytesPerSecond");
        Objects.requireNonNull(setBy, "setBy");
    }

    /** Both limits at once (the actor API's {@code AdjustRepairBudget(limits)}). */
    public static BudgetChange to(RepairBudget.Limits limits, String setBy) {
        return new BudgetChange(Optional.of(limits.maxConcurrentStripes()),
                limits.unlimitedBandwidth() ? Optional.empty() : Optional.of(limits.bytesPerSecond()), limits.unlimitedBandwidth(),
                false, setBy);
    }

    public static BudgetChange resetBy(String setBy) {
        return new BudgetChange(Optional.empty(), Optional.empty(), false, true, setBy);
    }

    /**
     * Why this change cannot be applied, each reason saying what is wrong and how to fix it; empty when it can.
     * The same rules for every entry point (gRPC, CLI, actor API), checked again where it is applied.
     */
    public List<String> refusals() {
        List<String> why = new ArrayList<>();
        boolean values = maxConcurrentStripes.isPresent() || bytesPerSecond.isPresent() || unlimitedBandwidth;
        if (reset && values) {
            why.add("a reset cannot be combined with new limits: a reset returns to the configured limits "
                    + "(the policy's, or kwam.node.repair's); ask for the reset alone, or for the new limits alone");
        }
        if (!reset && !values) {
            why.add("nothing to change: give max concurrent stripes, a bandwidth, unlimited bandwidth, or a reset "
                    + "(reading the budget in force needs no change: the Repairs call reports it)");
        }
        maxConcurrentStripes.filter(n -> n < 1 || n > MAX_CONCURRENT_STRIPES).ifPresent(n -> why.add(
                "max concurrent stripes " + Integer.toUnsignedString(n) + " is outside 1.." + MAX_CONCURRENT_STRIPES
                        + ": at least one stripe must be able to repair, and each running stripe holds its sources in memory; "
                        + "pick a number from 1 to " + MAX_CONCURRENT_STRIPES + " (the policy's default is 4)"));
        bytesPerSecond.filter(b -> b <= 0).ifPresent(b -> why.add("bandwidth " + Long.toUnsignedString(b)
                + " bytes per second is not a cap: " + (b == 0 ? "0 would stop repair altogether" : "it is above 2^63-1")
                + "; give a positive rate (e.g. 52428800 for 50 MiB/s), or ask for unlimited bandwidth to lift the cap"));
        if (bytesPerSecond.isPresent() && unlimitedBandwidth) {
            why.add("both a bandwidth (" + bytesPerSecond.get() + " bytes per second) and unlimited bandwidth were given; "
                    + "give one of them");
        }
        if (setBy.isBlank()) {
            why.add("the change does not say who asks for it (setBy is blank); every override records its setter");
        }
        return why;
    }

    /** The limits after this change, starting from {@code current}; only for a change without refusals and no reset. */
    public RepairBudget.Limits applyTo(RepairBudget.Limits current) {
        if (reset) {
            throw new IllegalStateException("a reset has no limits of its own: it returns to the configured limits");
        }
        long bandwidth = unlimitedBandwidth ? 0 : bytesPerSecond.orElse(current.bytesPerSecond());
        return new RepairBudget.Limits(maxConcurrentStripes.orElse(current.maxConcurrentStripes()), bandwidth);
    }
}
