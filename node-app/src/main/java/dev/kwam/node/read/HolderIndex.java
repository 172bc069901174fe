package dev.kwam.node.read;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.PlacementRefused;
import dev.kwam.placement.Placer;
import dev.kwam.placement.StripeId;
import dev.kwam.placement.Topology;
import dev.kwam.placement.AntiAffinity;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each fragment of an object may be, best guess first: the census slot naming that fragment,
 * then the census slot at its index (the same chunk protected into another object, or re-placed by
 * repair), then where the placer puts it on today's membership (the census is eventually
 * consistent: a fresh write may not have reached this node's replica yet). Only live nodes are
 * listed — a holder that is down or unreachable is not asked, so a degraded read costs no timeouts.
 */
public final class HolderIndex {
    private final Map<Cid, List<String>> candidates = new HashMap<>();
    private final Map<Cid, String> deadHolders = new HashMap<>();
    private final Manifest manifest;

    public HolderIndex(Manifest manifest, Map<Cid, StripeEntry> census, FleetView fleet, AntiAffinity antiAffinity) {
        this.manifest = manifest;
        Topology topology = fleet.topology();
        int width = manifest.codec().totalCount();
        for (ChunkEntry chunk : manifest.chunks()) {
            Optional<StripeEntry> entry = Optional.ofNullable(census.get(chunk.chunkCid()));
            List<String> predicted = predicted(chunk.chunkCid(), width, antiAffinity, topology);
            for (int i = 0; i < width; i++) {
                Cid fragment = chunk.fragments().get(i);
                Set<String> nodes = new LinkedHashSet<>();
                if (entry.isPresent()) {
                    for (FragmentSlot slot : entry.get().slots()) {
                        if (slot.fragment().equals(fragment) && slot.placed() && slot.state() != SlotState.MISSING) {
                            nodes.add(slot.node());
                        }
                    }
                    for (FragmentSlot slot : entry.get().slots()) {
                        if (slot.index() == i && slot.placed() && slot.state() != SlotState.MISSING) {
                            nodes.add(slot.node());
                        }
                        // The JHMM marks a removed node's fragments MISSING but keeps its name: an error can still
                        // say whose loss it was.
                        if (slot.fragment().equals(fragment) && slot.placed() && slot.state() == SlotState.MISSING
                                && !fleet.isLive(slot.node())) {
                            deadHolders.putIfAbsent(fragment, slot.node());
                        }
                    }
                }
                if (i < predicted.size()) {
                    nodes.add(predicted.get(i));
                }
                List<String> live = new ArrayList<>();
                for (String node : nodes) {
                    if (fleet.isLive(node)) {
                        live.add(node);
                    } else {
                        deadHolders.putIfAbsent(fragment, node);
                    }
                }
                candidates.merge(fragment, live, (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    b.stream().filter(n -> !both.contains(n)).forEach(both::add);
                    return both;
                });
            }
        }
    }

    private static List<String> predicted(Cid chunk, int width, AntiAffinity antiAffinity, Topology topology) {
        if (topology.size() < width) {
            return List.of();
        }
        try {
            return Placer.place(StripeId.ofChunk(chunk), width, antiAffinity, topology).nodes().stream().map(n -> n.value()).toList();
        } catch (PlacementRefused refused) {
            return List.of();
        }
    }

    /** Live nodes to ask for {@code fragment}, best first. */
    public List<String> candidates(Cid fragment) {
        return candidates.getOrDefault(fragment, List.of());
    }

    /** A node that held {@code fragment} by the census but is not live now, if any (for error details). */
    public Optional<String> deadHolder(Cid fragment) {
        return Optional.ofNullable(deadHolders.get(fragment));
    }

    /**
     * The stripes that cannot be read even in the best case — fewer than k fragments have any
     * live candidate — one line per such stripe and missing fragment; empty when every stripe might.
     * Only what the census positively recorded is counted, so a stripe the census has not heard of
     * is never refused here (the read itself then decides).
     */
    public List<String> hopelessStripes(Map<Cid, StripeEntry> census) {
        List<String> details = new ArrayList<>();
        int k = manifest.codec().dataCount();
        for (int s = 0; s < manifest.chunks().size(); s++) {
            ChunkEntry chunk = manifest.chunks().get(s);
            if (!census.containsKey(chunk.chunkCid())) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            int reachable = 0;
            for (int i = 0; i < chunk.fragments().size(); i++) {
                Cid fragment = chunk.fragments().get(i);
                if (candidates(fragment).isEmpty()) {
                    missing.add("stripe " + s + " fragment " + i + " (" + fragment + "): missing - "
                            + deadHolder(fragment).map(n -> "its holder " + n + " is not a live member").orElse("no node holds it"));
                } else {
                    reachable++;
                }
            }
            if (reachable < k) {
                details.add("stripe " + s + " (chunk " + chunk.chunkCid() + "): " + reachable + " fragment(s) on live nodes, " + k
                        + " needed");
                details.addAll(missing);
            }
        }
        return details;
    }
}
