package dev.kwam.jhmm;

import dev.kwam.codec.ErasureCode;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.jhmm.RepairPlan.Holder;
import dev.kwam.jhmm.RepairPlan.Loss;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.jhmm.RepairPlan.Target;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.Placer;
import dev.kwam.placement.PlacementRefused;
import dev.kwam.placement.Repair;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns census state and the live membership into a {@link RepairPlan}. A pure function: no clock, no
 * randomness, no I/O, so every replanning of one state gives one plan, and a restarted node recomputes
 * the targets it had chosen before (the placer is deterministic; an interrupted repair's target is
 * recorded in the census and reused), which is why a crash never places a fragment twice.
 */
final class RepairPlanner {

    /** A stripe as the census shows it, with the time it was first seen below full redundancy. */
    record StripeState(StripeRef ref, StripeEntry entry, long belowFullSinceMillis) {
    }

    private RepairPlanner() {
    }

    /**
     * Plans every stripe below full redundancy, riskiest first. Stripes in {@code inFlight} keep the plan
     * they run with: their fragments are being rebuilt and are never planned a second time.
     */
    static RepairPlan plan(Collection<StripeState> stripes, Collection<StripePlan> inFlight, Topology topology,
            AntiAffinity antiAffinity) {
        return plan(stripes, inFlight, topology, antiAffinity, Map.of());
    }

    /**
     * As {@link #plan(Collection, Collection, Topology, AntiAffinity)}, with the nodes whose removal is deferred
     * ({@code repair.delay}): node name to when its delay runs out, ms since the epoch.
     */
    static RepairPlan plan(Collection<StripeState> stripes, Collection<StripePlan> inFlight, Topology topology,
            AntiAffinity antiAffinity, Map<String, Long> deferredNodes) {
        return plan(stripes, inFlight, topology, antiAffinity, deferredNodes, node -> true);
    }

    /**
     * As above, sending rebuilt fragments only to live nodes {@code repairTarget} accepts (node-app: those whose
     * grants hold {@code repair}, which would refuse the write otherwise). A refused node still counts as holding
     * what it holds: it is left out as a target only.
     */
    static RepairPlan plan(Collection<StripeState> stripes, Collection<StripePlan> inFlight, Topology topology,
            AntiAffinity antiAffinity, Map<String, Long> deferredNodes, Predicate<String> repairTarget) {
        Set<NodeId> refusing = new TreeSet<>();
        topology.nodes().forEach(n -> {
            if (!repairTarget.test(n.id().value())) {
                refusing.add(n.id());
            }
        });
        Set<dev.kwam.codec.Cid> running = new HashSet<>();
        List<StripePlan> plans = new ArrayList<>(inFlight);
        inFlight.forEach(p -> running.add(p.stripe()));
        for (StripeState s : stripes) {
            if (!running.contains(s.ref().stripe())) {
                planStripe(s, topology, refusing, antiAffinity, deferredNodes).ifPresent(plans::add);
            }
        }
        plans.sort(RepairPlan.RISK_ORDER);
        return new RepairPlan(plans);
    }

    /** The stripe's repair, or empty when every fragment is where it should be. */
    static Optional<StripePlan> planStripe(StripeState state, Topology topology, AntiAffinity antiAffinity) {
        return planStripe(state, topology, antiAffinity, Map.of());
    }

    /**
     * The stripe's repair, deferred when every loss is a fragment on a node in {@code deferredNodes} and the stripe
     * has a fragment to spare; due now otherwise.
     */
    static Optional<StripePlan> planStripe(StripeState state, Topology topology, AntiAffinity antiAffinity,
            Map<String, Long> deferredNodes) {
        return planStripe(state, topology, Set.of(), antiAffinity, deferredNodes);
    }

    /** How many distinct fragments of {@code ref} the census entry shows placed and OK, on whichever nodes. */
    static long okInCensus(StripeRef ref, StripeEntry entry) {
        return entry.slots().stream()
                .filter(s -> s.placed() && s.state() == dev.kwam.placement.census.SlotState.OK && s.index() < ref.width())
                .map(FragmentSlot::index).distinct().count();
    }

    /**
     * {@code refusing}: live nodes that may not receive a rebuilt fragment. They stay in the topology the placer
     * sees (a survivor there is still where its fragment is) and are only never chosen.
     */
    private static Optional<StripePlan> planStripe(StripeState state, Topology topology, Set<NodeId> refusing,
            AntiAffinity antiAffinity, Map<String, Long> deferredNodes) {
        StripeRef ref = state.ref();
        int width = ref.width();
        Map<Integer, FragmentSlot> slots = new HashMap<>();
        for (FragmentSlot slot : state.entry().slots()) {
            if (slot.index() < width) {
                slots.put(slot.index(), slot);
            }
        }
        List<Holder> survivors = new ArrayList<>();
        List<Loss> losses = new ArrayList<>();
        Map<String, Integer> survivorOn = new HashMap<>();
        for (int i = 0; i < width; i++) {
            FragmentSlot slot = slots.get(i);
            Loss loss = classify(i, ref, slot, topology, survivorOn);
            if (loss == null) {
                survivors.add(new Holder(i, slot.node()));
                survivorOn.put(slot.node(), i);
            } else {
                losses.add(loss);
            }
        }
        if (losses.isEmpty()) {
            return Optional.empty();
        }

        // Nodes a lost fragment may not go to: every survivor's, and every live node still keeping a bad or
        // doubled copy (writing the same cid there would find the old file and skip the write).
        Set<String> occupied = new HashSet<>(survivorOn.keySet());
        Set<NodeId> barred = new TreeSet<>();
        List<NodeId> current = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            current.add(NodeId.of("lost-" + i));
        }
        survivors.forEach(h -> current.set(h.index(), NodeId.of(h.node())));
        List<Target> chosen = new ArrayList<>();
        Set<Integer> toPlace = new TreeSet<>();
        for (Loss loss : losses) {
            boolean live = !loss.node().isEmpty() && topology.node(NodeId.of(loss.node())).isPresent();
            boolean target = live && !refusing.contains(NodeId.of(loss.node()));
            if (loss.cause() == LossCause.INTERRUPTED && target && occupied.add(loss.node())) {
                // Resume where the interrupted repair was writing: a second copy elsewhere would be a duplicate.
                chosen.add(new Target(loss.index(), loss.node()));
                current.set(loss.index(), NodeId.of(loss.node()));
            } else {
                toPlace.add(loss.index());
                if (live && (loss.cause() == LossCause.CORRUPT || loss.cause() == LossCause.CROWDED)) {
                    barred.add(NodeId.of(loss.node()));
                }
            }
        }
        barred.removeIf(n -> occupied.contains(n.value()));
        refusing.forEach(n -> {
            if (!occupied.contains(n.value())) {
                barred.add(n);
            }
        });
        List<Integer> unplaced = new ArrayList<>();
        if (!toPlace.isEmpty()) {
            try {
                Repair repair = Placer.replace(StripeId.ofChunk(ref.stripe()), current, toPlace, antiAffinity,
                        topology.without(barred));
                repair.targets().forEach((index, node) -> chosen.add(new Target(index, node.value())));
                unplaced.addAll(repair.unplaced());
            } catch (PlacementRefused refused) {
                unplaced.addAll(toPlace);
            }
        }
        // A corrupt copy's own node is the last resort for its index: when no other node can take the fragment
        // (a cluster exactly as wide as the stripe), the rebuilt file goes back where the bad one was. The node's
        // store replaces a held copy that fails verification (FragmentStore.put), or already quarantined it; the
        // repair deletes nothing there, since the proof then names that very node.
        for (Loss loss : losses) {
            if (loss.cause() == LossCause.CORRUPT && unplaced.contains(loss.index()) && !loss.node().isEmpty()
                    && topology.node(NodeId.of(loss.node())).isPresent() && !refusing.contains(NodeId.of(loss.node()))
                    && occupied.add(loss.node())
                    && chosen.stream().noneMatch(t -> t.node().equals(loss.node()))) {
                unplaced.remove(Integer.valueOf(loss.index()));
                chosen.add(new Target(loss.index(), loss.node()));
            }
        }
        chosen.sort(java.util.Comparator.comparingInt(Target::index));

        boolean[] present = new boolean[width];
        survivors.forEach(h -> present[h.index()] = true);
        int spare = Redundancy.spare(ref.codec(), present);
        List<Integer> sources = spare < 0 ? List.of() : sources(Kwam.code(ref.codec()), present, chosen);
        return Optional.of(new StripePlan(ref.stripe(), ref.manifest().cid(), ref.index(), ref.codec().toString(),
                survivors, losses, chosen, unplaced, sources, spare, state.belowFullSinceMillis(),
                deferredUntil(losses, spare, deferredNodes)));
    }

    /**
     * When the repair becomes due (0: now). It waits only while every loss is a fragment on a deferred node, and
     * only while the stripe can lose another fragment: with none to spare (spare 0) one more failure loses data, so
     * it is urgent. A stripe that cannot be rebuilt now (spare -1) waits too: rebuilding is impossible anyway, and
     * the absent nodes coming back is its best hope; when their delay runs out it is parked as it would be today.
     * With several deferred nodes it is due when the first delay runs out: that node's loss is then a real one.
     */
    private static long deferredUntil(List<Loss> losses, int spare, Map<String, Long> deferredNodes) {
        if (deferredNodes.isEmpty() || spare == 0) {
            return 0L;
        }
        long due = Long.MAX_VALUE;
        for (Loss loss : losses) {
            Long until = loss.cause() == LossCause.NODE_GONE ? deferredNodes.get(loss.node()) : null;
            if (until == null) {
                return 0L; // a loss the delay does not cover: repaired as usual, the deferred fragments with it
            }
            due = Math.min(due, until);
        }
        return due;
    }

    /** Null when fragment {@code i} is fine where the census says it is. */
    private static Loss classify(int i, StripeRef ref, FragmentSlot slot, Topology topology,
            Map<String, Integer> survivorOn) {
        if (slot == null || !slot.placed()) {
            return new Loss(i, ref.fragment(i), "", LossCause.MISSING);
        }
        switch (slot.state()) {
            case OK:
                if (topology.node(NodeId.of(slot.node())).isEmpty()) {
                    return new Loss(i, ref.fragment(i), slot.node(), LossCause.NODE_GONE);
                }
                if (survivorOn.containsKey(slot.node())) {
                    return new Loss(i, ref.fragment(i), slot.node(), LossCause.CROWDED);
                }
                return null;
            case CORRUPT:
                return new Loss(i, ref.fragment(i), slot.node(), LossCause.CORRUPT);
            case REPAIRING:
                return new Loss(i, ref.fragment(i), slot.node(), LossCause.INTERRUPTED);
            case MISSING:
            default:
                return new Loss(i, ref.fragment(i), slot.node(), LossCause.MISSING);
        }
    }

    /** What a rebuild of the placed targets reads first: the union of the code's repair sources. */
    private static List<Integer> sources(ErasureCode code, boolean[] present, List<Target> targets) {
        TreeSet<Integer> union = new TreeSet<>();
        try {
            for (Target t : targets) {
                for (int s : code.repairSources(t.index(), present)) {
                    union.add(s);
                }
            }
        } catch (UnrecoverableStripeException e) {
            return List.of();
        }
        return List.copyOf(union);
    }
}
