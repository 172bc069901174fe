package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.jhmm.RepairPlan.StripePlan;
import dev.kwam.placement.Topology;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small cluster in one JVM: objects protected by the real codec, each stripe's fragments on the nodes
 * the real placer chose, a census that knows where they are, and a catalog of their manifests.
 */
final class World implements StripeCatalog {
    final MemoryNodes nodes = new MemoryNodes();
    final CensusStub census = new CensusStub();
    final Topology fleet;
    final List<Manifest> manifests = new ArrayList<>();
    final Map<Cid, StripeRef> refs = new ConcurrentHashMap<>();
    final Map<Cid, List<String>> placements = new ConcurrentHashMap<>();
    /** Every fragment file as protect made it: what a repair must reproduce byte for byte. */
    final Map<Cid, byte[]> originals = new ConcurrentHashMap<>();

    World(Topology fleet) {
        this.fleet = fleet;
    }

    /** Protects {@code bytes} random bytes and places every stripe; returns its stripes. */
    List<StripeRef> protect(String codec, int bytes, long seed) {
        return protect(codec, bytes, seed, Fixtures.SMALL);
    }

    List<StripeRef> protect(String codec, int bytes, long seed, dev.kwam.codec.chunk.ChunkerParams chunker) {
        Map<Cid, List<String>> byChunk = new HashMap<>();
        Manifest m = Fixtures.protect(codec, Fixtures.random(bytes, seed), f -> {
            List<String> where;
            synchronized (byChunk) {
                where = byChunk.computeIfAbsent(f.header().chunkCid(),
                        c -> Fixtures.placement(c, f.header().codec().totalCount(), fleet));
            }
            nodes.store(where.get(f.header().fragmentIndex())).put(f.cid(), f.toBytes());
            originals.put(f.cid(), f.toBytes());
        }, chunker);
        manifests.add(m);
        List<StripeRef> stripes = Fixtures.stripes(m);
        for (StripeRef ref : stripes) {
            refs.put(ref.stripe(), ref);
            List<String> where = byChunk.get(ref.stripe());
            placements.put(ref.stripe(), where);
            census.put(Fixtures.placed(ref, where));
        }
        return stripes;
    }

    StripeEntry entry(Cid stripe) {
        return census.stripes.get(stripe);
    }

    /** The stripes protect placed a fragment of on {@code node} (a fresh set: callers may change it). */
    java.util.Set<Cid> placedOn(String node) {
        java.util.Set<Cid> on = new java.util.HashSet<>();
        placements.forEach((stripe, nodes) -> {
            if (nodes.contains(node)) {
                on.add(stripe);
            }
        });
        return on;
    }

    String holder(StripeRef ref, int index) {
        return placements.get(ref.stripe()).get(index);
    }

    /** Removes a fragment file from the node that holds it. */
    void lose(StripeRef ref, int index) {
        nodes.store(holder(ref, index)).remove(ref.fragment(index));
    }

    StripePlan plan(StripeRef ref, Topology topology) {
        return RepairPlanner.planStripe(new RepairPlanner.StripeState(ref, entry(ref.stripe()), 0), topology,
                Fixtures.RACKS).orElseThrow();
    }

    @Override
    public CompletionStage<List<StripeRef>> stripesOn(String node) {
        List<StripeRef> on = new ArrayList<>();
        census.stripes.forEach((cid, entry) -> {
            if (entry.slots().stream().anyMatch(s -> s.node().equals(node))) {
                on.add(refs.get(cid));
            }
        });
        on.sort(java.util.Comparator.comparing(StripeRef::stripe));
        return CompletableFuture.completedFuture(on);
    }

    @Override
    public CompletionStage<Optional<StripeRef>> stripe(Cid stripe) {
        return CompletableFuture.completedFuture(Optional.ofNullable(refs.get(stripe)));
    }
}
