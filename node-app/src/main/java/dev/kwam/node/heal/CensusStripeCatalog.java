package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.jhmm.CensusSweep;
import dev.kwam.jhmm.StripeCatalog;
import dev.kwam.jhmm.StripeRef;
import dev.kwam.jhmm.risk.LivePlacement;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.ObjectEntry;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JHMM's {@link StripeCatalog} over the census: which stripes a node held comes from a local scan of
 * the census's stripe keys ({@link Census.ScanStripes}); which manifest promises a stripe's fragments
 * comes from an index, chunk cid → (manifest, position), built from the census's objects and their
 * manifests. Manifests are immutable, so the index only grows: an object is read once, and only when a
 * stripe is asked for that the index does not know yet (docs/jhmm.md, "The stripe catalog").
 *
 * <p>Runs on the node that hosts the JHMM singleton; blocking steps (manifest fetches) run on {@code blocking}.
 */
public final class CensusStripeCatalog implements StripeCatalog, CensusSweep, LivePlacement {
    private static final Logger LOG = LoggerFactory.getLogger(CensusStripeCatalog.class);
    /** An object whose manifest could not be read is tried again after this long, not on every miss. */
    private static final long RETRY_FAILED_MILLIS = 10_000;

    private final CensusQuestions census;
    private final ManifestFinder manifests;
    private final Supplier<CompletionStage<FleetView>> fleet;
    private final Executor blocking;
    /** chunk cid → every place it was protected at (one chunk may be in many objects). */
    private final Map<Cid, List<StripeRef>> index = new HashMap<>();
    private final Set<Cid> indexed = new HashSet<>();
    private final Map<Cid, Long> failedAt = new HashMap<>();

    public CensusStripeCatalog(CensusQuestions census, ManifestFinder manifests, Supplier<CompletionStage<FleetView>> fleet,
            Executor blocking) {
        this.census = census;
        this.manifests = manifests;
        this.fleet = fleet;
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<List<StripeRef>> stripesOn(String node) {
        return census.<Census.Stripes>ask(r -> new Census.ScanStripes(Set.of(node), Set.of(), r))
                .thenCompose(found -> refs(found.found()));
    }

    @Override
    public CompletionStage<Optional<StripeRef>> stripe(Cid stripe) {
        return census.<Census.Stripes>ask(r -> new Census.LookupStripes(List.of(stripe), r))
                .thenCompose(found -> {
                    Map<Cid, StripeEntry> entries = new HashMap<>(found.found());
                    entries.putIfAbsent(stripe, new StripeEntry(stripe, 1, 1, List.of()));
                    return refs(entries);
                })
                .thenApply(refs -> refs.stream().findFirst());
    }

    @Override
    public CompletionStage<List<Cid>> belowFullRedundancy(Set<String> members) {
        if (members.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return census.<Census.Stripes>ask(r -> new Census.ScanStripes(Set.of(), members, r))
                .thenApply(found -> found.found().keySet().stream().sorted(Comparator.comparing(Cid::toString)).toList());
    }

    /**
     * The fleet now, every stripe with a slot on one of its live nodes ({@code ScanStripes(holders = live,
     * members = {})}), and the manifests' view of them, read on the blocking executor (manifest reads block).
     */
    @Override
    public CompletionStage<Snapshot> read() {
        return fleet.get().thenCompose(view -> census.<Census.Stripes>ask(r -> new Census.ScanStripes(view.live(), Set.of(), r))
                .thenApplyAsync(scan -> new Snapshot(view, scan.found(), describe(scan.found().values(), view)), blocking));
    }

    /**
     * Which stripe and index the census records {@code fragment} at on {@code node}: how a corrupt file whose
     * header is damaged too (so it cannot name its stripe itself) is still reported.
     */
    public CompletionStage<Optional<Map.Entry<Cid, Integer>>> whereIs(Cid fragment, String node) {
        return census.<Census.Stripes>ask(r -> new Census.ScanStripes(Set.of(node), Set.of(), r)).thenApply(found -> {
            for (StripeEntry e : found.found().values()) {
                for (FragmentSlot slot : e.slots()) {
                    if (slot.fragment().equals(fragment)) {
                        return Optional.of(Map.entry(e.stripe(), slot.index()));
                    }
                }
            }
            return Optional.empty();
        });
    }

    private CompletionStage<List<StripeRef>> refs(Map<Cid, StripeEntry> entries) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return fleet.get().thenApplyAsync(view -> resolve(entries, view), blocking);
    }

    private synchronized List<StripeRef> resolve(Map<Cid, StripeEntry> entries, FleetView view) {
        if (!index.keySet().containsAll(entries.keySet())) {
            refresh(view);
        }
        List<StripeRef> refs = new ArrayList<>();
        for (StripeEntry entry : entries.values()) {
            List<StripeRef> known = index.get(entry.stripe());
            if (known == null) {
                LOG.warn("JHMM: no manifest known for stripe {} ({} slot(s) in the census): it cannot be repaired until one is",
                        entry.stripe(), entry.slots().size());
                continue;
            }
            refs.add(best(known, entry));
        }
        return refs;
    }

    /**
     * The manifest's view of each of {@code entries} that some indexed manifest describes (codec, fragment sizes),
     * keyed by stripe; the index is refreshed first when some are unknown. Stripes no readable manifest describes
     * are left out, without the repair path's warning: the durability report counts them itself. Blocking (a
     * refresh reads manifests): call it off actor threads.
     */
    synchronized Map<Cid, StripeRef> describe(java.util.Collection<StripeEntry> entries, FleetView view) {
        boolean unknown = false;
        for (StripeEntry e : entries) {
            if (!index.containsKey(e.stripe())) {
                unknown = true;
                break;
            }
        }
        if (unknown) {
            refresh(view);
        }
        Map<Cid, StripeRef> described = new HashMap<>();
        for (StripeEntry entry : entries) {
            List<StripeRef> known = index.get(entry.stripe());
            if (known != null) {
                described.put(entry.stripe(), best(known, entry));
            }
        }
        return described;
    }

    /** The place whose fragment cids the census slots name most often: the protect that wrote what is there. */
    private static StripeRef best(List<StripeRef> known, StripeEntry entry) {
        StripeRef best = known.get(0);
        int bestScore = -1;
        for (StripeRef ref : known) {
            int score = 0;
            for (FragmentSlot slot : entry.slots()) {
                if (slot.index() < ref.width() && ref.fragment(slot.index()).equals(slot.fragment())) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = ref;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Reads the manifests of the census's objects this index has not seen yet, walking the whole object
     * listing a page at a time (a page is {@link Census#MAX_LIST_LIMIT} objects).
     */
    private void refresh(FleetView view) {
        long now = System.currentTimeMillis();
        int read = 0;
        int listed = 0;
        Optional<Cid> after = Optional.empty();
        while (true) {
            List<ObjectEntry> page;
            try {
                Optional<Cid> cursor = after;
                page = census.<Census.ObjectList>ask(r -> new Census.ListObjects(Census.MAX_LIST_LIMIT, cursor, r))
                        .toCompletableFuture().get(census.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).objects();
            } catch (Exception e) {
                LOG.warn("JHMM: the census did not list its objects after {} (read {} so far): {}",
                        after.map(Cid::toString).orElse("the start"), listed, e.toString());
                return;
            }
            listed += page.size();
            for (ObjectEntry object : page) {
                if (readManifest(object, view, now)) {
                    read++;
                }
            }
            if (page.size() < Census.MAX_LIST_LIMIT) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).object());
        }
        LOG.debug("JHMM: stripe index read {} manifest(s) of {} object(s); {} stripes known", read, listed, index.size());
    }

    /** Whether the object's manifest was read now (false: already indexed, failed recently, or failed now). */
    private boolean readManifest(ObjectEntry object, FleetView view, long now) {
        if (indexed.contains(object.object())) {
            return false;
        }
        Long failed = failedAt.get(object.object());
        if (failed != null && now - failed < RETRY_FAILED_MILLIS) {
            return false;
        }
        try {
            add(manifests.find(object.object(), view, object));
            indexed.add(object.object());
            failedAt.remove(object.object());
            return true;
        } catch (RuntimeException e) {
            failedAt.put(object.object(), now);
            LOG.warn("JHMM: manifest of {} not readable now: {}", object.object(), e.getMessage());
            return false;
        }
    }

    private void add(Manifest manifest) {
        for (int i = 0; i < manifest.chunks().size(); i++) {
            ChunkEntry chunk = manifest.chunks().get(i);
            index.computeIfAbsent(chunk.chunkCid(), c -> new ArrayList<>()).add(new StripeRef(chunk.chunkCid(), manifest, i));
        }
    }
}
