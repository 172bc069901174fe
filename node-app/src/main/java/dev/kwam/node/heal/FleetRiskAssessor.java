package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.StripeRef;
import dev.kwam.jhmm.risk.Detection;
import dev.kwam.jhmm.risk.FleetRisk;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.jhmm.risk.LiveDurability;
import dev.kwam.jhmm.risk.LiveStripe;
import dev.kwam.jhmm.risk.RiskInputs;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Gathers {@link LiveDurability}'s live inputs on the node hosting the JHMM and runs it: the fleet view (live
 * nodes and their labels), a local census scan of every stripe with a slot on a live node
 * ({@code ScanStripes(holders = live, members = {})}), the manifests' codecs and fragment sizes from the
 * {@link CensusStripeCatalog}'s index, the JHMM's plan and measured rate, the policy's guard and the configured
 * detection time. Everything after the scan runs on {@code work} (the pipeline dispatcher: manifest reads block,
 * and at a million fragments the pass over the scan is CPU work that must stay off actor threads).
 *
 * <p>A census scan reads the whole local replica, so a result is reused for {@link #REUSE} and concurrent
 * requests share one computation: a HUD polling every second costs one scan per {@link #REUSE}.
 */
public final class FleetRiskAssessor {
    static final Duration REUSE = Duration.ofSeconds(5);

    private final CensusQuestions census;
    private final CensusStripeCatalog catalog;
    private final Supplier<CompletionStage<FleetView>> fleet;
    private final List<String> configuredLevels;
    private final Optional<GuardTarget> guard;
    private final Detection detection;
    private final Executor work;
    private CompletableFuture<FleetRisk> last;
    private long lastStartedNanos;

    /**
     * @param configuredLevels {@code kwam.node.placement.anti-affinity}; empty derives the levels from the live
     *                         nodes' labels as the placer does (used only when there is no guard to name them)
     */
    public FleetRiskAssessor(CensusQuestions census, CensusStripeCatalog catalog, Supplier<CompletionStage<FleetView>> fleet,
            List<String> configuredLevels, Optional<GuardTarget> guard, Detection detection, Executor work) {
        this.census = census;
        this.catalog = catalog;
        this.fleet = fleet;
        this.configuredLevels = List.copyOf(configuredLevels);
        this.guard = guard;
        this.detection = detection;
        this.work = work;
    }

    /** The fleet's risk with the JHMM's {@code status} (its plan and measured rate); a recent result is reused. */
    public synchronized CompletionStage<FleetRisk> assess(RepairStatus status) {
        long now = System.nanoTime();
        if (last != null && !last.isCompletedExceptionally() && (!last.isDone() || now - lastStartedNanos < REUSE.toNanos())) {
            return last;
        }
        lastStartedNanos = now;
        last = fleet.get().thenCompose(view -> census.<Census.Stripes>ask(r -> new Census.ScanStripes(view.live(), Set.of(), r))
                        .thenApplyAsync(scan -> compute(view, scan.found(), status), work))
                .toCompletableFuture();
        return last;
    }

    private FleetRisk compute(FleetView view, Map<Cid, StripeEntry> scanned, RepairStatus status) {
        Map<Cid, StripeRef> described = catalog.describe(scanned.values(), view);
        List<LiveStripe> stripes = new ArrayList<>(scanned.size());
        for (StripeEntry entry : scanned.values()) {
            List<String> holders = new ArrayList<>(entry.slots().size());
            for (FragmentSlot slot : entry.slots()) {
                // Readable fragments only: a corrupt, missing or not yet written (repairing) slot protects nothing.
                if (slot.state() == SlotState.OK && slot.placed() && view.isLive(slot.node())) {
                    holders.add(slot.node());
                }
            }
            StripeRef ref = described.get(entry.stripe());
            Optional<LiveStripe.Shape> shape = ref == null ? Optional.empty()
                    : Optional.of(new LiveStripe.Shape(ref.codec(), ref.fragmentBytes()));
            stripes.add(new LiveStripe(entry.stripe(), shape, holders));
        }
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        for (String node : view.live()) {
            nodes.put(node, view.entry(node).map(e -> e.domains()).orElse(Map.of()));
        }
        List<String> levels = view.antiAffinity(configuredLevels).levels();
        String levelsSource = configuredLevels.isEmpty()
                ? "derived from the live nodes' labels as the placer does (kwam.node.placement.anti-affinity is empty)"
                : "kwam.node.placement.anti-affinity";
        return LiveDurability.assess(new RiskInputs(stripes, nodes, levels, levelsSource, guard, status.rate(), detection,
                status.plan(), status.parked().size(), Instant.now()));
    }
}
