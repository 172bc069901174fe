package dev.kwam.node.maintenance;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.JhmmHost;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.heal.CensusQuestions;
import dev.kwam.node.heal.Healing;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.NodeEntry;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What drain and quarantine do to the fleet's data, as the census and the JHMM know it: how many fragments the
 * census still places on a node, where the copies of one fragment are, taking a copy out of service on its holder,
 * and telling the JHMM to act now rather than at its next sweep.
 */
public final class FleetMaintenance {
    /** One placed copy of a fragment: which stripe, which index, on which node. */
    public record Copy(Cid stripe, int index, Cid fragment, String node) {
    }

    /** What happened to one copy: set aside on its holder, not held there, or the holder did not answer. */
    public record CopyOutcome(Copy copy, String outcome) {
    }

    private final String self;
    private final CensusQuestions census;
    private final Supplier<CompletionStage<FleetView>> fleet;
    private final FragmentStore store;
    private final PeerClient peers;
    private final Healing healing;
    private final Executor io;

    public FleetMaintenance(String self, CensusQuestions census, Supplier<CompletionStage<FleetView>> fleet, FragmentStore store,
            PeerClient peers, Healing healing, Executor io) {
        this.self = self;
        this.census = census;
        this.fleet = fleet;
        this.store = store;
        this.peers = peers;
        this.healing = healing;
        this.io = io;
    }

    /** How many fragments this node's census replica places on {@code node}: what a drain still has to move. */
    public CompletionStage<Integer> fragmentsOn(String node) {
        return census.<Census.Stripes>ask(r -> new Census.ScanStripes(Set.of(node), Set.of(), r)).thenApply(found -> {
            int count = 0;
            for (StripeEntry e : found.found().values()) {
                int width = e.k() + e.m();
                count += (int) e.slots().stream().filter(s -> s.placed() && s.index() < width && s.node().equals(node)).count();
            }
            return count;
        });
    }

    /** Every copy of {@code fragment} the census places, on any node it knows, sorted by node. */
    public CompletionStage<List<Copy>> copiesOf(Cid fragment) {
        return fleet.get().thenCompose(view -> census.<Census.Stripes>ask(r -> new Census.ScanStripes(view.names(), Set.of(), r)))
                .thenApply(found -> {
                    List<Copy> copies = new ArrayList<>();
                    for (StripeEntry e : found.found().values()) {
                        for (FragmentSlot slot : e.slots()) {
                            if (slot.placed() && slot.fragment().equals(fragment)) {
                                copies.add(new Copy(e.stripe(), slot.index(), fragment, slot.node()));
                            }
                        }
                    }
                    copies.sort(Comparator.comparing(Copy::node).thenComparingInt(Copy::index));
                    return copies;
                });
    }

    /**
     * Takes {@code copy} out of service: its holder moves the file into quarantine (kept for inspection), and the
     * JHMM is told the copy is bad, so the census marks it and a replacement is rebuilt on another node. The JHMM is
     * told even when the holder does not answer: the census mark alone stops reads and repairs using the copy.
     */
    public CompletionStage<CopyOutcome> quarantine(Copy copy, String reason) {
        String why = printable(reason);
        return fleet.get().thenApplyAsync(view -> {
            try {
                boolean held;
                if (copy.node().equals(self)) {
                    held = store.quarantine(copy.fragment(), why).isPresent();
                } else {
                    Optional<String> endpoint = view.entry(copy.node()).map(NodeEntry::dataEndpoint);
                    if (endpoint.isEmpty()) {
                        return new CopyOutcome(copy, "UNAVAILABLE: the census directory has no data endpoint for " + copy.node());
                    }
                    held = peers.quarantineChunk(endpoint.get(), copy.fragment(), why);
                }
                return new CopyOutcome(copy, held ? "set aside" : "not held there");
            } catch (Exception e) {
                return new CopyOutcome(copy, "UNAVAILABLE: " + (e instanceof CompletionException && e.getCause() != null
                        ? e.getCause().getMessage() : e.getMessage()));
            }
        }, io).whenComplete((outcome, failure) -> healing.faulty(copy.stripe(), copy.index(), copy.node(), "operator quarantine"));
    }

    /** Tells the JHMM to sweep the census now: a drain's fragments move without waiting for the next sweep. */
    public void sweepNow(String reason) {
        healing.jhmm().tell(new JhmmHost.SweepNow(reason));
    }

    /** Header-safe: printable ASCII only, at most 200 characters. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().filter(c -> c >= 0x20 && c < 0x7f).limit(200).forEach(c -> b.append((char) c));
        return b.toString();
    }
}
