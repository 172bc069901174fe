package dev.kwam.jhmm.risk;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.Fleet;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.StripeRef;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Gathers {@link LiveDurability}'s live inputs on the node hosting the JHMM and runs it: the fleet (live nodes
 * and their labels) with the live placement ({@link LivePlacement}: every stripe with a slot on a live node, and
 * the manifests' codecs and fragment sizes), the JHMM's plan and measured rate, the policy's guard and the
 * configured detection time. The computation runs on {@code work} (at a million fragments the pass over the scan is
 * CPU work that must stay off actor threads).
 *
 * <p>A census scan reads the whole local replica, so a result is reused for {@link #REUSE} and concurrent
 * requests share one computation: a HUD polling every second costs one scan per {@link #REUSE}.
 */
public final class FleetRiskAssessor {
    static final Duration REUSE = Duration.ofSeconds(5);

    private final LivePlacement placement;
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
    public FleetRiskAssessor(LivePlacement placement, List<String> configuredLevels, Optional<GuardTarget> guard,
            Detection detection, Executor work) {
        this.placement = placement;
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
        last = placement.read().thenApplyAsync(snapshot -> compute(snapshot, status), work).toCompletableFuture();
        return last;
    }

    private FleetRisk compute(LivePlacement.Snapshot snapshot, RepairStatus status) {
        Fleet view = snapshot.fleet();
        Map<Cid, StripeRef> described = snapshot.described();
        List<LiveStripe> stripes = new ArrayList<>(snapshot.stripes().size());
        for (StripeEntry entry : snapshot.stripes().values()) {
            List<String> holders = new ArrayList<>(entry.slots().size());
            for (FragmentSlot slot : entry.slots()) {
                // Readable fragments only: a corrupt, missing or not yet written (repairing) slot protects nothing.
                if (slot.state() == SlotState.OK && slot.placed() && view.isLive(slot.node())) {
                    holders.add(slot.node());
                }
            }
            Optional<LiveStripe.Shape> shape = Optional.ofNullable(described.get(entry.stripe()))
                    .map(ref -> new LiveStripe.Shape(ref.codec(), ref.fragmentBytes()));
            stripes.add(new LiveStripe(entry.stripe(), shape, holders));
        }
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        for (String node : view.live()) {
            nodes.put(node, view.labels(node));
        }
        List<String> levels = view.antiAffinity(configuredLevels).levels();
        String levelsSource = configuredLevels.isEmpty()
                ? "derived from the live nodes' labels as the placer does (kwam.node.placement.anti-affinity is empty)"
                : "kwam.node.placement.anti-affinity";
        return LiveDurability.assess(new RiskInputs(stripes, nodes, levels, levelsSource, guard, status.rate(), detection,
                status.plan(), status.parked().size(), Instant.now(), status.limits().bytesPerSecond()));
    }
}
