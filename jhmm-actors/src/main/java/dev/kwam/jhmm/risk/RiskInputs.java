package dev.kwam.jhmm.risk;

import dev.kwam.jhmm.RepairPlan;
import dev.kwam.jhmm.RepairThroughput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link LiveDurability} reads, all of it live except the guard's audited figures.
 *
 * @param stripes         every stripe with a readable fragment on a live node (the census), with its manifest's shape
 * @param liveNodes       the live nodes and their fault-domain labels (kind to value)
 * @param placementLevels the anti-affinity levels the placer uses, for when there is no guard to name them
 * @param levelsSource    where {@code placementLevels} came from, for the report
 * @param guard           the strictest guard of the node's policy; empty without a policy or a guard
 * @param rate            the JHMM's measured repair rate; empty until a repair has completed
 * @param detection       death to first repair
 * @param plan            the JHMM's plan: the stripes below full redundancy now
 * @param parked          stripes the JHMM set aside
 * @param now             when the inputs were read
 * @param repairBytesPerSecond the repair budget's bandwidth in force, cluster-wide; 0 = unlimited
 */
public record RiskInputs(List<LiveStripe> stripes, Map<String, Map<String, String>> liveNodes, List<String> placementLevels,
        String levelsSource, Optional<GuardTarget> guard, Optional<RepairThroughput> rate, Detection detection, RepairPlan plan,
        int parked, Instant now, long repairBytesPerSecond) {
    /** Inputs under an unlimited repair bandwidth. */
    public RiskInputs(List<LiveStripe> stripes, Map<String, Map<String, String>> liveNodes, List<String> placementLevels,
            String levelsSource, Optional<GuardTarget> guard, Optional<RepairThroughput> rate, Detection detection, RepairPlan plan,
            int parked, Instant now) {
        this(stripes, liveNodes, placementLevels, levelsSource, guard, rate, detection, plan, parked, now, 0L);
    }

    public RiskInputs {
        stripes = List.copyOf(stripes);
        liveNodes = Map.copyOf(liveNodes);
        placementLevels = List.copyOf(placementLevels);
        Objects.requireNonNull(levelsSource, "levelsSource");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(now, "now");
    }
}
