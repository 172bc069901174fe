package dev.kwam.jhmm.risk;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.durability.DurabilityEstimate;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Risk as a number: the fleet's durability implied by its live placement and its measured repair rate, next
 * to the guard's target and the guard's own figure. Every probability here is MODELED (codec's
 * {@code DurabilityModel}, per bit: one stripe, one year, as {@code kwam check} quotes a guard); the placement
 * counts, the exposure and the rate are LIVE; what could not be read is listed in {@link #unavailable} and its
 * field is empty, never filled in. docs/jhmm.md, "Risk as a number", describes the computation.
 *
 * @param label        always {@link #MODELED}
 * @param levels       the fault-domain levels counted, smallest first
 * @param levelsSource where they came from (the guard's replicate block, or the placer's configuration)
 * @param liveNodes    live nodes now
 * @param stripes      stripes with a readable fragment on a live node
 * @param unresolved   of those, stripes no indexed manifest describes: counted in the placement, not in any codec
 * @param fullestNode  the live node holding the most fragment bytes; empty when no live node holds any
 * @param rate         the measured repair rate; empty until a repair has completed (UNAVAILABLE)
 * @param mttr         the node MTTR fed to the model, and where it comes from
 * @param guard        the guard's audited inputs, target and own figure; empty without a policy or a guard
 * @param exposure     the stripes below full redundancy now
 * @param codecs       per codec in use: its live placement and, when the inputs are there, its modeled figure
 * @param fleet        the worst codec's figure: the fleet's durability; empty when no codec has one
 * @param unavailable  what could not be read or computed, and why
 * @param live         the guard held to the fleet as it is now, the figure {@code on_violation} acts on; empty
 *                     without a guard
 */
public record FleetRisk(String label, Instant at, List<String> levels, String levelsSource, int liveNodes, long stripes,
        long unresolved, Optional<FullestNode> fullestNode, Optional<RepairThroughput> rate, Mttr mttr,
        Optional<GuardTarget> guard, Exposure exposure, List<CodecRisk> codecs, Optional<FleetFigure> fleet,
        List<String> unavailable, Optional<LiveGuard> live) implements KwamSerializable {

    public static final String MODELED = "MODELED";

    public FleetRisk {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(at, "at");
        levels = List.copyOf(levels);
        Objects.requireNonNull(fullestNode, "fullestNode");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(mttr, "mttr");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(exposure, "exposure");
        codecs = List.copyOf(codecs);
        Objects.requireNonNull(fleet, "fleet");
        unavailable = List.copyOf(unavailable);
        Objects.requireNonNull(live, "live");
    }

    /** The live node a node loss would cost the most to rebuild. */
    public record FullestNode(String node, long fragments, long bytes) implements KwamSerializable {
    }

    /** Where the node MTTR fed to the model comes from. */
    public enum MttrSource {
        /** Detection plus the fullest node's bytes at the measured repair rate. */
        MEASURED_RATE,
        /** No repair measured yet: the guard's {@code mttr_restore}, as {@code kwam check} used it. */
        GUARD_MTTR_RESTORE,
        /** Neither a measured rate nor a guard. */
        UNAVAILABLE
    }

    /**
     * @param value       the MTTR; empty when {@code source} is UNAVAILABLE
     * @param explanation the arithmetic behind it, in words
     */
    public record Mttr(Optional<Duration> value, MttrSource source, String explanation, Detection detection)
            implements KwamSerializable {
        public Mttr {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(explanation, "explanation");
            Objects.requireNonNull(detection, "detection");
            if (value.isPresent() == (source == MttrSource.UNAVAILABLE)) {
                throw new IllegalArgumentException("an MTTR has a value exactly when its source is not UNAVAILABLE");
            }
        }
    }

    /**
     * @param belowFull   stripes in the JHMM's plan now
     * @param bySpare     how many of them have 0, 1, 2… fragments to spare (-1: cannot be rebuilt now), fewest first
     * @param oldestSince when the stripe longest below full redundancy got there (ms since the epoch); empty when none is
     * @param oldestFor   how long that is, at the report's time
     * @param parked      stripes the JHMM set aside
     */
    public record Exposure(int belowFull, List<SpareCount> bySpare, Optional<Long> oldestSince, Optional<Duration> oldestFor,
            int parked) implements KwamSerializable {
        public Exposure {
            bySpare = List.copyOf(bySpare);
            Objects.requireNonNull(oldestSince, "oldestSince");
            Objects.requireNonNull(oldestFor, "oldestFor");
        }
    }

    public record SpareCount(int spare, int stripes) implements KwamSerializable {
    }

    /**
     * One fault-domain level as the live placement fills it for one codec's stripes.
     *
     * @param liveDomains          distinct domains of the level among the live nodes
     * @param unlabelledNodes      live nodes without a label for the level, counted together as one domain
     *                             (the pessimistic reading of an unknown)
     * @param mostFragments        the most fragments of one stripe found in one domain of the level: what the
     *                             placement did, not what it promised
     * @param modeledFragments     what the model was given: {@code mostFragments}, raised to the level below's when
     *                             labels do not nest (a domain holds at least what any domain inside it holds)
     */
    public record LevelPlacement(String level, int liveDomains, int unlabelledNodes, int mostFragments, int modeledFragments)
            implements KwamSerializable {
    }

    /**
     * @param codec          e.g. {@code rs(10,4)}
     * @param stripes        its stripes with a readable fragment on a live node
     * @param mostOnOneNode  the most fragments of one of its stripes on one node (the model assumes 1)
     * @param levels         its placement per level
     * @param modeled        its figure; empty when an input is UNAVAILABLE ({@code unavailable} says which)
     */
    public record CodecRisk(String codec, long stripes, int mostOnOneNode, List<LevelPlacement> levels,
            Optional<Modeled> modeled, String unavailable) implements KwamSerializable {
        public CodecRisk {
            levels = List.copyOf(levels);
            Objects.requireNonNull(modeled, "modeled");
            Objects.requireNonNull(unavailable, "unavailable");
        }
    }

    /**
     * A MODELED figure.
     *
     * @param perStripe        codec's estimate for one stripe over one year, the unit a guard's nines are quoted in
     * @param dominantTerm     the loss trigger carrying most of it, or {@code correlated} when fault-domain loss
     *                         outweighs independent node loss (the rule {@code kwam check} uses)
     * @param meetsTarget      whether {@code perStripe} meets the guard's target
     * @param anyStripeLost    probability that at least one of the codec's live stripes is lost within a year
     *                         (the same model with every stripe counted; an upper bound)
     */
    public record Modeled(DurabilityEstimate perStripe, String dominantTerm, boolean meetsTarget, double anyStripeLost)
            implements KwamSerializable {
    }

    /**
     * @param worstCodec     the codec with the fewest nines: the fleet is as durable as its weakest stripes
     * @param worst          its figure
     * @param anyStripeLost  probability that at least one stripe of the fleet is lost within a year, over every
     *                       codec with a figure
     */
    public record FleetFigure(String worstCodec, Modeled worst, double anyStripeLost) implements KwamSerializable {
    }
}
