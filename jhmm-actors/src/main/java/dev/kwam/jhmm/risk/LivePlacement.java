package dev.kwam.jhmm.risk;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.Fleet;
import dev.kwam.jhmm.StripeRef;
import dev.kwam.placement.census.StripeEntry;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where the fleet's fragments are now, read on the JHMM's host for {@link FleetRiskAssessor} (node-app: its census
 * replica and the manifest index of its stripe catalog). Reading may block on manifests: node-app does it off
 * actor threads.
 */
@FunctionalInterface
public interface LivePlacement {
    /**
     * @param fleet     the fleet the scan was made for
     * @param stripes   every stripe of the census with a slot on one of the fleet's live nodes
     * @param described the manifest's view (codec, fragment size) of each of {@code stripes} some manifest describes
     */
    record Snapshot(Fleet fleet, Map<Cid, StripeEntry> stripes, Map<Cid, StripeRef> described) {
    }

    CompletionStage<Snapshot> read();
}
