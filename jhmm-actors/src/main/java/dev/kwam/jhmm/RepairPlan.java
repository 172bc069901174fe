package dev.kwam.jhmm;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JHMM's plan as data, riskiest stripe first: what the API and the HUD show, and what each
 * {@link StripeRepair} executes. Plans are computed by {@link RepairPlanner} from the census and the live
 * membership alone, so recomputing them from the same state gives the same plan.
 */
public record RepairPlan(List<StripePlan> stripes) implements KwamSerializable {

    /**
     * Risk order: fewest fragments to spare first (a stripe one loss away from data loss before one that
     * can lose three), then the one that has been below full redundancy longest, then by stripe cid so the
     * order is total and every node computes the same one.
     */
    public static final Comparator<StripePlan> RISK_ORDER = Comparator.comparingInt(StripePlan::spare)
            .thenComparingLong(StripePlan::belowFullSinceMillis)
            .thenComparing(StripePlan::stripe);

    public RepairPlan {
        stripes = List.copyOf(stripes);
    }

    public Optional<StripePlan> stripe(Cid stripe) {
        return stripes.stream().filter(s -> s.stripe().equals(stripe)).findFirst();
    }

    /** A surviving fragment: index {@code index} of the stripe, held (and hash-checked when written) on {@code node}. */
    public record Holder(int index, String node) implements KwamSerializable {
    }

    /**
     * A fragment to rebuild: its index, the cid the manifest promises, the node that held it ({@code ""}
     * when none is known) and why it is lost. A still-live holder of a bad copy is what the repair may
     * delete — after the new placement is confirmed, never before.
     */
    public record Loss(int index, Cid fragment, String node, LossCause cause) implements KwamSerializable {
        public Loss {
            Objects.requireNonNull(fragment, "fragment");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Where the rebuilt fragment {@code index} goes. */
    public record Target(int index, String node) implements KwamSerializable {
    }

    /**
     * One stripe's repair.
     *
     * @param stripe               the stripe's name (its chunk cid, the census key)
     * @param manifest             the manifest that promises the fragment cids
     * @param stripeIndex          the stripe's position in that manifest
     * @param codec                the stripe's code, e.g. {@code rs(4,2)}
     * @param survivors            fragments that are fine where they are
     * @param losses               fragments to rebuild, in index order
     * @param targets              new homes chosen by the placer: never a node that holds (or held a bad copy
     *                             of) a fragment of this stripe
     * @param unplaced             lost fragments no node can take now (too few live nodes)
     * @param sources              the survivors a rebuild reads first (an LRC's local group when intact)
     * @param spare                further losses the stripe survives in the worst case; -1: beyond rebuild
     * @param belowFullSinceMillis when the stripe was first seen below full redundancy
     * @param deferredUntilMillis  0 when the repair is due now; otherwise when it becomes due (ms since the epoch):
     *                             every loss is a fragment on a node that left less than {@code repair.delay} ago,
     *                             and the stripe still has a fragment to spare (docs/jhmm.md, "Repair delay")
     */
    public record StripePlan(Cid stripe, Cid manifest, int stripeIndex, String codec, List<Holder> survivors,
            List<Loss> losses, List<Target> targets, List<Integer> unplaced, List<Integer> sources, int spare,
            long belowFullSinceMillis, long deferredUntilMillis) implements KwamSerializable {
        /** A plan that is due now. */
        public StripePlan(Cid stripe, Cid manifest, int stripeIndex, String codec, List<Holder> survivors,
                List<Loss> losses, List<Target> targets, List<Integer> unplaced, List<Integer> sources, int spare,
                long belowFullSinceMillis) {
            this(stripe, manifest, stripeIndex, codec, survivors, losses, targets, unplaced, sources, spare,
                    belowFullSinceMillis, 0L);
        }

        public StripePlan {
            Objects.requireNonNull(stripe, "stripe");
            Objects.requireNonNull(manifest, "manifest");
            survivors = List.copyOf(survivors);
            losses = List.copyOf(losses);
            targets = List.copyOf(targets);
            unplaced = List.copyOf(unplaced);
            sources = List.copyOf(sources);
        }

        public Optional<String> targetOf(int index) {
            return targets.stream().filter(t -> t.index() == index).map(Target::node).findFirst();
        }

        public Optional<String> holderOf(int index) {
            return survivors.stream().filter(h -> h.index() == index).map(Holder::node).findFirst();
        }

        public Optional<Loss> loss(int index) {
            return losses.stream().filter(l -> l.index() == index).findFirst();
        }

        /** True while the repair waits for the nodes its fragments are on to come back (until {@link #deferredUntil()}). */
        public boolean deferred() {
            return deferredUntilMillis > 0;
        }

        /** When a deferred repair becomes due; empty when it is due now. */
        public Optional<Instant> deferredUntil() {
            return deferred() ? Optional.of(Instant.ofEpochMilli(deferredUntilMillis)) : Optional.empty();
        }

        /** False when too few fragments survive to rebuild anything: the stripe will be parked. */
        public boolean rebuildable() {
            return spare >= 0;
        }
    }
}
