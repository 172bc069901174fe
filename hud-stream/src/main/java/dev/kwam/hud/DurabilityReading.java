package dev.kwam.hud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fleet's durability as the HUD shows it: the guard's target next to the figure the live placement and the
 * measured repair rate imply (MODELED: a model's output, however live its inputs), and for each codec class how many
 * more failures of each fault-domain level it survives. What could not be read or computed is in {@code unavailable}
 * and its field is empty, never filled in.
 *
 * @param target     the guard's promise; empty without a policy or a guard
 * @param fleet      the worst codec's figure, which is the fleet's; empty when no codec has one
 * @param codecs     one per codec in use, by stripes
 * @param mttr       the node repair time fed to the model, in words, with its seconds when known
 * @param belowFull  stripes below full redundancy now (LIVE)
 * @param parked     stripes the JHMM set aside (LIVE)
 */
public record DurabilityReading(Optional<Target> target, Optional<Figure> fleet, List<CodecClass> codecs,
        Optional<Double> mttrSeconds, String mttrSource, String mttrExplanation, int liveNodes, long stripes, int belowFull,
        int parked, List<String> unavailable, Source source, Instant observedAt, Optional<Live> live) {
    /** A reading without a live guard figure (no guard, or a reader that does not compute one). */
    public DurabilityReading(Optional<Target> target, Optional<Figure> fleet, List<CodecClass> codecs, Optional<Double> mttrSeconds,
            String mttrSource, String mttrExplanation, int liveNodes, long stripes, int belowFull, int parked, List<String> unavailable,
            Source source, Instant observedAt) {
        this(target, fleet, codecs, mttrSeconds, mttrSource, mttrExplanation, liveNodes, stripes, belowFull, parked, unavailable,
                source, observedAt, Optional.empty());
    }

    public DurabilityReading {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(fleet, "fleet");
        codecs = List.copyOf(codecs);
        unavailable = List.copyOf(unavailable);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /**
     * The guard held to the fleet as it is now, the figure its {@code on_violation} acts on (MODELED): the worst stripe
     * below full redundancy's probability of loss before its repair, against the annual budget {@code 10^-targetNines}.
     */
    public record Live(String guard, int targetNines, String onViolation, boolean breached, double lossBeforeRepair,
            Optional<String> worstStripe, double windowSeconds, String windowSource, String reason) {
    }

    /** The guard {@code guard} promises {@code nines}; its own figure (kwam check's) is {@code guardsOwnNines}. */
    public record Target(String guard, int nines, int guardsOwnNines, String replicate) {
    }

    /** A modeled annual loss probability for one stripe, in nines, and whether it meets the target. */
    public record Figure(String codec, int nines, double probability, boolean meetsTarget, String dominantTerm) {
    }

    /**
     * One codec class: how the live placement spreads its stripes and how many more failures it survives.
     *
     * @param survives  per fault-domain level, smallest first, node first
     * @param modeled   its figure; empty when an input is UNAVAILABLE
     */
    public record CodecClass(String codec, long stripes, List<Survives> survives, Optional<Figure> modeled) {
        public CodecClass {
            survives = List.copyOf(survives);
        }
    }

    /**
     * Any {@code failures} domains of {@code level} may fail at once and every stripe of the class is still readable:
     * its parity count over the most fragments of one stripe in one domain, rounded down.
     */
    public record Survives(String level, int failures, int domains, int mostFragmentsInOne) {
    }
}
